package de.sprechzimmer.signaling.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.signaling.Refusal;
import de.sprechzimmer.signaling.Refused;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request bodies in, JSON answers and localized errors out (docs/api.md: German by default, {@code Accept-Language: en}). */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static boolean english(HttpExchange ex) {
        return ex.header(HttpHeaderNames.ACCEPT_LANGUAGE).map(l -> l.trim().toLowerCase(Locale.ROOT).startsWith("en"))
                .orElse(false);
    }

    /** The JSON body as {@code type}; refuses with {@code invalid_json} / {@code invalid_request}. */
    static <T> T body(HttpExchange ex, Class<T> type) {
        byte[] b = ex.bodyBytes();
        if (b.length == 0) {
            throw Refusal.INVALID_JSON.refuse("empty body");
        }
        try {
            T value = Json.mapper().readValue(b, type);
            if (value == null) {
                throw Refusal.INVALID_JSON.refuse("null body");
            }
            return value;
        } catch (ValueInstantiationException e) {
            throw Refusal.INVALID_REQUEST.refuse(e.getCause() == null ? null : e.getCause().getMessage());
        } catch (JsonProcessingException e) {
            throw Refusal.INVALID_JSON.refuse();
        } catch (IOException e) {
            throw Refusal.INVALID_JSON.refuse();
        }
    }

    /** Runs {@code handler}, answering a refusal as a JSON error. */
    static void guarded(HttpExchange ex, Callable<Object> handler) {
        boolean en = english(ex);
        try {
            Object result = handler.call();
            answer(ex, result);
        } catch (Refused r) {
            refuse(ex, r, en);
        } catch (Exception e) {
            LOG.error("request failed: {} {}", ex.method(), routeOf(ex), e);
            refuse(ex, Refusal.INTERNAL_ERROR.refuse(), en);
        }
    }

    /** Like {@link #guarded} but on the bounded worker pool (password hashing). */
    static void blocking(HttpExchange ex, Executor workers, Callable<Object> handler) {
        boolean en = english(ex);
        ex.bodyBytes();
        try {
            workers.execute(() -> guarded(ex, handler));
        } catch (RejectedExecutionException e) {
            refuse(ex, Refusal.OVERLOADED.refuse(), en);
        }
    }

    /** A handler's result: {@link Created} → 201, null → 204, anything else → 200 JSON. */
    private static void answer(HttpExchange ex, Object result) {
        if (result == null) {
            ex.noContent();
        } else if (result instanceof Created c) {
            ex.json(HttpResponseStatus.CREATED, c.body());
        } else {
            ex.json(result);
        }
    }

    /** 201 with a body. */
    record Created(Object body) {
    }

    static void refuse(HttpExchange ex, Refused r, boolean english) {
        Refusal f = r.refusal();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", f.code());
        body.put("message", r.detail() == null ? f.text(english) : f.text(english) + " (" + r.detail() + ")");
        if (r.extra() instanceof Instant validFrom) {
            body.put("validFrom", validFrom);
        }
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(f.status()),
                Unpooled.wrappedBuffer(Json.writeBytes(body)));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        if (r.extra() instanceof Duration retry) {
            resp.headers().set(HttpHeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, retry.toSeconds())));
        }
        ex.send(resp);
    }

    private static String routeOf(HttpExchange ex) {
        String p = ex.path();
        int second = p.indexOf('/', p.indexOf('/', 1) + 1);
        return second > 0 ? p.substring(0, second) + "/..." : p;
    }
}
