package de.sprechzimmer.common.http;

import de.sprechzimmer.common.json.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
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

    private ChannelHandlerContext draining;
    private long drained;

    /**
     * Answers {@code msg} (already released by the caller) with {@code error} as JSON and {@code Connection:
     * close}; closes once the request's remaining body (if any) is drained.
     */
    void send(ChannelHandlerContext ctx, HttpError error, Object msg, long announcedBytes) {
        byte[] body = Json.writeBytes(Map.of("error", error.code(), "message", error.getMessage() == null ? "" : error.getMessage()));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, body.length);
        if (msg instanceof LastHttpContent || announcedBytes > DRAIN_CAP_BYTES) {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        draining = ctx;
        ctx.writeAndFlush(response);
        var deadline = ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
        ctx.channel().closeFuture().addListener(f -> deadline.cancel(false));
    }

    /** Drops {@code msg} if it belongs to a body being drained; returns whether it did. */
    boolean drop(Object msg) {
        if (draining == null) {
            return false;
        }
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof LastHttpContent || drained > DRAIN_CAP_BYTES) {
            draining.close();
        }
        return true;
    }
}
