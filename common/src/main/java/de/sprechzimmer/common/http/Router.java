package de.sprechzimmer.common.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps method + path pattern to a handler. Patterns are literal segments and {@code {name}} placeholders
 * ({@code /api/rooms/{roomId}/codes}); a trailing {@code /**} matches any rest ({@code /assets/**}).
 * Services add their routes to one router, so the embedded app serves them all on one port.
 */
public final class Router {

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, HttpHandler handler) {
        return add(HttpMethod.GET, pattern, handler);
    }

    public Router post(String pattern, HttpHandler handler) {
        return add(HttpMethod.POST, pattern, handler);
    }

    public Router put(String pattern, HttpHandler handler) {
        return add(HttpMethod.PUT, pattern, handler);
    }

    public Router patch(String pattern, HttpHandler handler) {
        return add(HttpMethod.PATCH, pattern, handler);
    }

    public Router delete(String pattern, HttpHandler handler) {
        return add(HttpMethod.DELETE, pattern, handler);
    }

    public synchronized Router add(HttpMethod method, String pattern, HttpHandler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** The handler for a request, with its path parameters; or why there is none (404 vs 405). */
    synchronized Match match(HttpMethod method, String path) {
        String[] segments = split(path);
        boolean pathKnown = false;
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.match(segments);
            if (params.isPresent()) {
                pathKnown = true;
                if (r.method.equals(method) || (method.equals(HttpMethod.HEAD) && r.method.equals(HttpMethod.GET))) {
                    return new Match(r.handler, params.get(), false);
                }
            }
        }
        return new Match(null, Map.of(), pathKnown);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    record Match(HttpHandler handler, Map<String, String> params, boolean methodNotAllowed) {
    }

    private record Route(HttpMethod method, String[] pattern, HttpHandler handler) {
        Optional<Map<String, String>> match(String[] segments) {
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < pattern.length; i++) {
                String p = pattern[i];
                if (p.equals("**") && i == pattern.length - 1) {
                    params.put("*", String.join("/", java.util.Arrays.copyOfRange(segments, Math.min(i, segments.length), segments.length)));
                    return Optional.of(params);
                }
                if (i >= segments.length) {
                    return Optional.empty();
                }
                if (p.startsWith("{") && p.endsWith("}")) {
                    if (segments[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(p.substring(1, p.length() - 1), segments[i]);
                } else if (!p.equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return segments.length == pattern.length ? Optional.of(params) : Optional.empty();
        }
    }
}
