package de.sprechzimmer.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.sprechzimmer.common.json.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and the means to answer it. The request body is released after the handler returns, so a
 * handler that goes off the event loop ({@link #blocking}) reads what it needs first or uses {@link #bodyBytes()}.
 */
public final class HttpExchange {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final Map<String, String> params;
    private final QueryStringDecoder query;
    private final Executor workers;
    private final InetAddress clientAddress;
    private byte[] body;
    private boolean responded;

    HttpExchange(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> params, Executor workers,
                 InetAddress clientAddress) {
        this.ctx = ctx;
        this.request = request;
        this.params = params;
        this.query = new QueryStringDecoder(request.uri());
        this.workers = workers;
        this.clientAddress = clientAddress;
    }

    public ChannelHandlerContext ctx() {
        return ctx;
    }

    public FullHttpRequest request() {
        return request;
    }

    public HttpMethod method() {
        return request.method();
    }

    public String path() {
        return query.path();
    }

    /** A {@code {name}} placeholder of the route; for {@code /**} routes, {@code "*"} is the rest of the path. */
    public String pathParam(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return v;
    }

    public Optional<String> query(String name) {
        List<String> v = query.parameters().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(request.headers().get(name));
    }

    /** The token of an {@code Authorization: Bearer <token>} header. Tokens never travel in URLs or cookies. */
    public Optional<String> bearerToken() {
        String h = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = h.substring(7).trim();
        return token.isEmpty() || token.length() > 4096 ? Optional.empty() : Optional.of(token);
    }

    /** The client's address (after trusted-proxy resolution). Personal data: use for rate limits, never log it. */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    public byte[] bodyBytes() {
        if (body == null) {
            body = ByteBufUtil.getBytes(request.content());
        }
        return body;
    }

    /** The body as JSON of type {@code type}; a clear 400 when it is missing, malformed or of the wrong shape. */
    public <T> T bodyJson(Class<T> type) {
        byte[] b = bodyBytes();
        if (b.length == 0) {
            throw HttpError.badRequest("invalid_request", "Request body is empty; JSON expected");
        }
        try {
            T value = Json.mapper().readValue(b, type);
            if (value == null) {
                throw HttpError.badRequest("invalid_request", "Request body is null; JSON object expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("invalid_json", "Request body is not valid JSON for this call: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("invalid_request", e.getMessage());
        } catch (java.io.IOException e) {
            throw HttpError.badRequest("invalid_json", "Request body cannot be read");
        }
    }

    /** 200 with {@code value} as JSON. */
    public void json(Object value) {
        json(HttpResponseStatus.OK, value);
    }

    public void json(HttpResponseStatus status, Object value) {
        bytes(status, "application/json; charset=utf-8", Json.writeBytes(value));
    }

    public void noContent() {
        bytes(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
    }

    public void error(HttpError e) {
        json(e.status(), Map.of("error", e.code(), "message", e.getMessage() == null ? "" : e.getMessage()));
    }

    public void bytes(HttpResponseStatus status, String contentType, byte[] content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(content));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        send(response);
    }

    /** Sends a complete response, honouring keep-alive. Safe to call from any thread; only the first response counts. */
    public void send(FullHttpResponse response) {
        synchronized (this) {
            if (responded) {
                response.release();
                return;
            }
            responded = true;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Marks the exchange answered by a handler that streams its own response through {@link #ctx()}. */
    public synchronized void markStreaming() {
        responded = true;
    }

    public synchronized boolean responded() {
        return responded;
    }

    public boolean keepAlive() {
        return HttpUtil.isKeepAlive(request);
    }

    /**
     * Runs {@code work} on the bounded worker pool (password hashing, crypto, PDF, SMTP never run on the event
     * loop) and answers 200 with its result as JSON, 204 when it returns null, or the error it throws.
     */
    public void blocking(Callable<?> work) {
        bodyBytes();
        try {
            workers.execute(() -> {
                try {
                    Object result = work.call();
                    if (!responded()) {
                        if (result == null) {
                            noContent();
                        } else {
                            json(result);
                        }
                    }
                } catch (HttpError e) {
                    error(e);
                } catch (Exception e) {
                    LOG.error("request failed: {} {}", method(), routeForLog(), e);
                    error(new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error"));
                }
            });
        } catch (RejectedExecutionException e) {
            error(new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded", "Server is busy, try again shortly"));
        }
    }

    /** The path with ids cut off, safe for logs (paths can hold ids; ids are not personal data, but codes could be). */
    String routeForLog() {
        String p = path();
        int second = p.indexOf('/', p.indexOf('/', 1) + 1);
        return second > 0 ? p.substring(0, second) + "/..." : p;
    }

    static InetAddress addressOf(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress isa) {
            return isa.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
