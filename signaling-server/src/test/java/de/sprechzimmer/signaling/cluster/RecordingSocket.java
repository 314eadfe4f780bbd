package de.sprechzimmer.signaling.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A socket that records what reaches it; frames pushed before {@link #release} are held back like a real one. */
final class RecordingSocket implements Socket {

    final String id;
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private List<String> held = new ArrayList<>();

    RecordingSocket(String id) {
        this.id = id;
    }

    static RecordingSocket live(String id) {
        RecordingSocket s = new RecordingSocket(id);
        s.release(List.of());
        return s;
    }

    @Override
    public String connectionId() {
        return id;
    }

    @Override
    public synchronized void send(String frame) {
        if (held != null) {
            held.add(frame);
        } else {
            frames.add(frame);
        }
    }

    @Override
    public void close(int code) {
        closes.add(code);
    }

    @Override
    public synchronized void release(List<String> replayed) {
        frames.addAll(replayed);
        held.forEach(frames::add);
        held = null;
    }

    String next() throws InterruptedException {
        String f = frames.poll(15, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return f;
    }

    int nextClose() throws InterruptedException {
        Integer c = closes.poll(15, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no close within 5 s");
        }
        return c;
    }
}
