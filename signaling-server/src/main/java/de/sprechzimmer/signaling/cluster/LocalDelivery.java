package de.sprechzimmer.signaling.cluster;

import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Delivery within one process (the embedded default). */
public final class LocalDelivery implements Delivery {

    private final Map<ParticipantId, Mailbox> boxes = new ConcurrentHashMap<>();

    private static final class Mailbox {
        long seq;
        final ArrayDeque<String> kept = new ArrayDeque<>();
        Socket socket;
    }

    @Override
    public void attach(ParticipantId id, Socket socket) {
        Mailbox box = boxes.computeIfAbsent(id, k -> new Mailbox());
        Socket old;
        synchronized (box) {
            old = box.socket;
            box.socket = socket;
        }
        if (old != null && !old.connectionId().equals(socket.connectionId())) {
            old.close(CloseCodes.REPLACED);
        }
    }

    @Override
    public void detach(ParticipantId id, Socket socket) {
        Mailbox box = boxes.get(id);
        if (box != null) {
            synchronized (box) {
                if (box.socket != null && box.socket.connectionId().equals(socket.connectionId())) {
                    box.socket = null;
                }
            }
        }
    }

    @Override
    public long deliver(ParticipantId to, String eventBody) {
        Mailbox box = boxes.get(to);
        if (box == null) {
            return -1;
        }
        // Numbering, keeping and sending under one lock: frames reach the socket in seq order.
        synchronized (box) {
            long seq = ++box.seq;
            String frame = Codec.frame(seq, eventBody);
            box.kept.addLast(frame);
            if (box.kept.size() > MAILBOX_EVENTS) {
                box.kept.removeFirst();
            }
            if (box.socket != null) {
                box.socket.send(frame);
            }
            return seq;
        }
    }

    @Override
    public void close(ParticipantId id, int code) {
        Mailbox box = boxes.get(id);
        if (box != null) {
            Socket s;
            synchronized (box) {
                s = box.socket;
            }
            if (s != null) {
                s.close(code);
            }
        }
    }

    @Override
    public List<String> replay(ParticipantId id, long afterSeq) {
        Mailbox box = boxes.get(id);
        if (box == null) {
            return List.of();
        }
        synchronized (box) {
            return box.kept.stream().filter(f -> Codec.seqOf(f) > afterSeq).toList();
        }
    }

    @Override
    public void forget(ParticipantId id) {
        boxes.remove(id);
    }

    @Override
    public void forgetSignals(ParticipantId id) {
        Mailbox box = boxes.get(id);
        if (box != null) {
            synchronized (box) {
                box.kept.removeIf(Codec::isSignal);
            }
        }
    }

    /** Mailboxes held, for the connection gauge's sanity and tests. */
    int size() {
        return boxes.size();
    }
}
