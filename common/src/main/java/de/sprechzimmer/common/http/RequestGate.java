package de.sprechzimmer.common.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
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
    private final EarlyReply early = new EarlyReply();

    RequestGate(Map<String, Function<HttpRequest, Optional<HttpError>>> gates) {
        this.gates = gates;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (early.drop(msg)) {
            return;
        }
        if (msg instanceof HttpRequest request) {
            Optional<HttpError> refused = check(request);
            if (refused.isPresent()) {
                ReferenceCountUtil.release(msg);
                // The unread body may still be on its way: drain it and close rather than parse it as a request.
                early.send(ctx, refused.get(), msg, HttpUtil.getContentLength(request, 0L));
                return;
            }
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
}
