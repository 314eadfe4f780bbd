package de.sprechzimmer.common.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request before its body has been read (refused credentials, body too large) and then reads and drops
 * the rest of that body before closing. Closing with unread bytes in the socket makes the kernel send a reset,
 * which can destroy the answer before the client has read it: the user would see "connection reset" instead of
 * a clear error. Draining is bounded by bytes and time, so a client that never stops sending is cut off.
 * One instance per channel; all calls come from the channel's event loop.
 */
final class EarlyReply {

    static final long DRAIN_CAP_BYTES = 32L << 20;
    static final long DRAIN_SECONDS = 15;

    private boolean draining;
    private long drained;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadline;

    /**
     * Sends {@code response} with {@code Connection: close} in answer to {@code msg} (already released by the
     * caller); closes once the request's remaining body (if any) is drained.
     */
    void send(ChannelHandlerContext ctx, FullHttpResponse response, Object msg, long announcedBytes) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        boolean complete = msg instanceof LastHttpContent;
        if (complete || announcedBytes > DRAIN_CAP_BYTES) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        this.ctx = ctx;
        draining = true;
        drained = 0;
        ctx.writeAndFlush(response);
        deadline = ctx.executor().schedule(this::close, DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    /** Drops {@code msg} if it belongs to a body being drained; returns whether it did. */
    boolean drop(Object msg) {
        if (!draining) {
            return false;
        }
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof LastHttpContent || drained > DRAIN_CAP_BYTES) {
            close();
        }
        return true;
    }

    private void close() {
        if (deadline != null) {
            deadline.cancel(false);
        }
        draining = false;
        ctx.close();
    }
}
