package de.sprechzimmer.common.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves files from a classpath folder (the web client's jar). Paths are checked so nothing outside the
 * folder can be reached; files are cached in memory once read.
 */
public final class StaticFiles {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final String root;
    private final ClassLoader loader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** @param root classpath folder without leading slash, e.g. {@code de/sprechzimmer/web} */
    public StaticFiles(String root, ClassLoader loader) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.loader = loader;
    }

    /** A handler that always serves one file (for pages such as {@code /praxis}). */
    public HttpHandler file(String name) {
        return ex -> serve(ex, name);
    }

    /** A handler for a {@code /prefix/**} route: serves the rest of the path below {@code folder}. */
    public HttpHandler folder(String folder) {
        return ex -> serve(ex, folder + "/" + ex.pathParam("*"));
    }

    private void serve(HttpExchange ex, String name) throws IOException {
        if (name.contains("..") || name.contains("\\") || name.contains("//") || name.startsWith("/")) {
            throw HttpError.notFound("No such file");
        }
        byte[] content = cache.get(name);
        if (content == null) {
            try (InputStream in = loader.getResourceAsStream(root + "/" + name)) {
                if (in == null) {
                    throw HttpError.notFound("No such file");
                }
                content = in.readAllBytes();
            }
            cache.put(name, content);
        }
        int dot = name.lastIndexOf('.');
        String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
        ex.bytes(HttpResponseStatus.OK, type, content);
    }
}
