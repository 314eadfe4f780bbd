package de.sprechzimmer.common.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An error a handler answers with: an HTTP status and a stable error code clients switch on
 * ({@code invalid_code}, {@code too_many_requests}, ...), plus a human-readable message that holds no personal data.
 * Sent as {@code {"error": code, "message": message}}.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;

    public HttpError(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static HttpError badRequest(String code, String message) {
        return new HttpError(HttpResponseStatus.BAD_REQUEST, code, message);
    }

    public static HttpError unauthorized() {
        return new HttpError(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "Missing or invalid bearer token");
    }

    public static HttpError forbidden(String message) {
        return new HttpError(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(HttpResponseStatus.NOT_FOUND, "not_found", message);
    }
}
