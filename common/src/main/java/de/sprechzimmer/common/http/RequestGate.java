package de.sprechzimmer.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a request's head before its body is read: a route that takes large bodies (whiteboard uploads) refuses
 * a caller without valid credentials at once, instead of buffering megabytes first. The check must be cheap and
 * non-blocking (a signature, not a store lookup); the handler still does the full check.
 */
final class RequestGate extends ChannelInboundHandlerAdapter {

    private final Map<String, Function<HttpRequest, Optional<HttpError>>> gates;
    private boolean discarding;

    RequestGate(Map<String, Function<HttpRequest, Optional<HttpError>>> gates) {
        this.gates = gates;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            discarding = false;
            Optional<HttpError> refused = check(request);
            if (refused.isPresent()) {
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                respond(ctx, refused.get());
                return;
            }
        } else if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private Optional<HttpError> check(HttpRequest request) {
        for (Map.Entry<String, Function<HttpRequest, Optional<HttpError>>> g : gates.entrySet()) {
            if (request.uri().startsWith(g.getKey())) {
                return g.getValue().apply(request);
            }
        }
        return Optional.empty();
    }

    private static void respond(ChannelHandlerContext ctx, HttpError e) {
        byte[] body = ("{\"error\":\"" + e.code() + "\",\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, e.status(), Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        // The unread body may still be on its way: close rather than parse it as the next request.
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(r, body.length);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
