package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.cluster.Socket;
import de.sprechzimmer.signaling.protocol.Codec;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/** The {@link Socket} of one WebSocket connection: holds pushed frames back until {@link #release}. */
final class WsSocket implements Socket {

    private final Channel channel;
    private final String connectionId;
    private final SignalingMetrics metrics;
    private List<String> held = new ArrayList<>();

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
            write(frame);
        }
    }

    @Override
    public synchronized void release(List<String> replayed) {
        long last = -1;
        for (String f : replayed) {
            write(f);
            last = Math.max(last, Codec.seqOf(f));
        }
        for (String f : held) {
            if (Codec.seqOf(f) > last) {
                write(f);
            }
        }
        held = null;
    }

    /** Connection-level frames without seq ({@code welcome}, {@code ok}, {@code error}, {@code ping}) go out at once. */
    void sendDirect(String frame) {
        write(frame);
    }

    @Override
    public void close(int code) {
        channel.writeAndFlush(new CloseWebSocketFrame(code, null)).addListener(ChannelFutureListener.CLOSE);
    }

    private void write(String frame) {
        if (channel.isActive()) {
            metrics.sent(typeOf(frame));
            channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
        }
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
