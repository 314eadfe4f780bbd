package de.sprechzimmer.whiteboard;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A test client of the whiteboard HTTP API, speaking as a browser would. */
final class WhiteboardClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    WhiteboardClient(String base) {
        this.base = base;
    }

    HttpResponse<byte[]> upload(String ticket, String meta, byte[] envelope) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/whiteboard/files"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .header("Content-Type", "application/octet-stream");
        if (ticket != null) {
            b.header("Authorization", "Bearer " + ticket);
        }
        if (meta != null) {
            b.header("X-Whiteboard-Meta", meta);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> list(String ticket) throws Exception {
        return send("GET", "/whiteboard/files", ticket, null);
    }

    HttpResponse<byte[]> download(String ticket, String id) throws Exception {
        return send("GET", "/whiteboard/files/" + id, ticket, null);
    }

    HttpResponse<byte[]> delete(String ticket, String id) throws Exception {
        return send("DELETE", "/whiteboard/files/" + id, ticket, null);
    }

    HttpResponse<byte[]> send(String method, String path, String ticket, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (ticket != null) {
            b.header("Authorization", "Bearer " + ticket);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    /** The stable error code of an error answer. */
    static String error(HttpResponse<byte[]> r) throws IOException {
        return json(r).path("error").asText();
    }
}
