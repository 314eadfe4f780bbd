package de.sprechzimmer.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses WebSocket upgrades from foreign origins (cross-site WebSocket hijacking). Allowed: the origin whose
 * host matches the request's Host header, and the configured public origins. Non-browser clients that send
 * no Origin are allowed; they cannot ride on a user's browser.
 */
final class OriginCheck extends ChannelInboundHandlerAdapter {

    private final String websocketPath;
    private final Set<String> allowedOrigins;

    OriginCheck(String websocketPath, Set<String> allowedOrigins) {
        this.websocketPath = websocketPath;
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req
                && new QueryStringDecoder(req.uri()).path().equals(websocketPath)
                && req.headers().contains(HttpHeaderNames.UPGRADE)) {
            String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (origin != null && !allowed(origin, req.headers().get(HttpHeaderNames.HOST))) {
                ReferenceCountUtil.release(msg);
                byte[] body = "{\"error\":\"forbidden_origin\",\"message\":\"Origin not allowed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN,
                        Unpooled.wrappedBuffer(body));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                HttpUtil.setContentLength(r, body.length);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    boolean allowed(String origin, String host) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) {
            return true;
        }
        try {
            URI uri = URI.create(o);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equals(host.toLowerCase(Locale.ROOT))
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
