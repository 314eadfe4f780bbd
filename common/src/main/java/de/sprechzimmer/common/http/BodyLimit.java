package de.sprechzimmer.common.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.TreeMap;

/**
 * Caps request bodies per path prefix before anything is buffered: the default is small (JSON calls), an
 * upload route may allow more. An oversized request gets 413 with a JSON error; the connection closes once the
 * rest of the body is drained (see {@link EarlyReply}).
 */
final class BodyLimit extends ChannelInboundHandlerAdapter {

    private final long defaultLimit;
    private final TreeMap<String, Long> limits;
    private long limit;
    private long seen;
    private final EarlyReply early = new EarlyReply();

    BodyLimit(long defaultLimit, Map<String, Long> limits) {
        this.defaultLimit = defaultLimit;
        this.limits = new TreeMap<>(limits);
    }

    static long max(long defaultLimit, Map<String, Long> limits) {
        return Math.max(defaultLimit, limits.values().stream().mapToLong(Long::longValue).max().orElse(0L));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (early.drop(msg)) {
            return;
        }
        if (msg instanceof HttpRequest request) {
            seen = 0;
            limit = limitFor(request.uri());
            long announced = HttpUtil.getContentLength(request, 0L);
            if (announced > limit) {
                reject(ctx, msg, announced);
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            seen += content.content().readableBytes();
            if (seen > limit) {
                reject(ctx, msg, 0);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private long limitFor(String uri) {
        long l = defaultLimit;
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            if (uri.startsWith(e.getKey())) {
                l = e.getValue();
            }
        }
        return l;
    }

    private void reject(ChannelHandlerContext ctx, Object msg, long announced) {
        ReferenceCountUtil.release(msg);
        early.send(ctx, new HttpError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                "Request body exceeds " + limit + " bytes"), msg, announced);
    }
}
