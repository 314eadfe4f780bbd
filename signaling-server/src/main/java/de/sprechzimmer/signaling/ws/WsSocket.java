package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.cluster.Socket;
import de.sprechzimmer.signaling.protocol.Codec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Socket} of one WebSocket connection. Every frame and the close go through one queue that only the
 * channel's event loop drains, whichever thread sent them: so frames leave in the order they were handed in
 * (a mailbox hands them in under its lock, in {@code seq} order), and a close goes out after the frames before it.
 * Writing directly when already on the event loop would overtake frames other threads had queued there.
 * Pushed frames are held back until {@link #release}.
 */
final class WsSocket implements Socket {

    /**
     * How long a client may take to answer our close frame before the connection is cut. RFC 6455 §7.1.1: the
     * server closes TCP after the closing handshake; closing it while the client's answer is still on its way makes
     * the kernel answer with a reset, and a browser whose close reply meets the reset reports 1006, not our code.
     */
    static final long CLOSE_HANDSHAKE_MS = 5_000;

    private final Channel channel;
    private final String connectionId;
    private final SignalingMetrics metrics;
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private List<String> held = new ArrayList<>();
    /** Event-loop only: a close frame was written; nothing more goes out. */
    private boolean closing;

    private record Close(int code) {
    }

    WsSocket(Channel channel, String connectionId, SignalingMetrics metrics) {
        this.channel = channel;
        this.connectionId = connectionId;
        this.metrics = metrics;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public void send(String frame) {
        synchronized (this) {
            if (held != null) {
                held.add(frame);
                return;
            }
            enqueue(frame);
        }
    }

    @Override
    public synchronized void release(List<String> replayed) {
        long last = -1;
        for (String f : replayed) {
            enqueue(f);
            last = Math.max(last, Codec.seqOf(f));
        }
        for (String f : held) {
            if (Codec.seqOf(f) > last) {
                enqueue(f);
            }
        }
        held = null;
    }

    /** Connection-level frames without seq ({@code welcome}, {@code ok}, {@code error}, {@code ping}): not held back. */
    void reply(String frame) {
        enqueue(frame);
    }

    /** Sends a close frame after everything queued before, then ends the connection (see {@link #CLOSE_HANDSHAKE_MS}). */
    @Override
    public void close(int code) {
        enqueue(new Close(code));
    }

    private void enqueue(Object item) {
        outbox.add(item);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the event loop is shutting down: the connection goes with it
                outbox.clear();
            }
        }
    }

    private void drain() {
        // Cleared first: an item added from now on schedules another drain, so none is left behind.
        drainScheduled.set(false);
        boolean wrote = false;
        for (Object item; (item = outbox.poll()) != null; ) {
            if (closing || !channel.isActive()) {
                continue;
            }
            if (item instanceof String frame) {
                metrics.sent(typeOf(frame));
                channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
                wrote = true;
            } else if (item instanceof Close c) {
                closing = true;
                channel.writeAndFlush(new CloseWebSocketFrame(c.code(), null)).addListener((ChannelFutureListener) f -> afterCloseFrame(channel, f));
                wrote = false;
            }
        }
        if (wrote) {
            channel.flush();
        }
    }

    /**
     * Our close frame is out: stop sending (FIN) but keep reading, so the client's close reply (and whatever it
     * was still sending) arrives at an open socket instead of provoking a reset that could destroy our close frame;
     * Netty's WebSocket handler closes the channel when the reply comes, and we cut it after the handshake time.
     */
    static void afterCloseFrame(Channel channel, io.netty.channel.ChannelFuture written) {
        if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
            channel.close();
            return;
        }
        duplex.shutdownOutput().addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                channel.close();
            }
        });
        var cut = channel.eventLoop().schedule(() -> channel.close(), CLOSE_HANDSHAKE_MS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> cut.cancel(false));
    }

    /** The type of a frame we encoded ourselves ({@code "type":"x"} comes early), for the outgoing-messages meter. */
    static String typeOf(String frame) {
        int i = frame.indexOf("\"type\":\"");
        if (i < 0 || i > 40) {
            return "other";
        }
        int end = frame.indexOf('"', i + 8);
        return end < 0 ? "other" : frame.substring(i + 8, end);
    }
}
