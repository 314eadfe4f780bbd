package de.sprechzimmer.common.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each complete request to its handler and turns thrown {@link HttpError}s into JSON answers. */
final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final Executor workers;
    private final BiFunction<ChannelHandlerContext, FullHttpRequest, InetAddress> clientAddress;

    Dispatcher(Router router, Executor workers, BiFunction<ChannelHandlerContext, FullHttpRequest, InetAddress> clientAddress) {
        this.router = router;
        this.workers = workers;
        this.clientAddress = clientAddress;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Router.Match match;
        DecoderResult decoded = request.decoderResult();
        HttpExchange ex;
        if (decoded.isFailure()) {
            ex = new HttpExchange(ctx, request, java.util.Map.of(), workers, HttpExchange.addressOf(ctx));
            ex.error(HttpError.badRequest("invalid_request", "Malformed HTTP request"));
            return;
        }
        String path = new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).path();
        match = router.match(request.method(), path);
        ex = new HttpExchange(ctx, request, match.params(), workers, clientAddress.apply(ctx, request));
        if (match.handler() == null) {
            ex.error(match.methodNotAllowed()
                    ? new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed here")
                    : HttpError.notFound("No such resource"));
            return;
        }
        try {
            match.handler().handle(ex);
        } catch (HttpError e) {
            ex.error(e);
        } catch (Exception e) {
            LOG.error("request failed: {} {}", request.method(), ex.routeForLog(), e);
            ex.error(new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            LOG.warn("HTTP connection failed: {}", cause.toString());
        }
        ctx.close();
    }
}
