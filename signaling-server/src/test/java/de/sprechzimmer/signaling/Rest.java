package de.sprechzimmer.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small REST client for tests: JSON in, JSON out, bearer token in the header. */
final class Rest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;

    Rest(String base) {
        this.base = base;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body == null || body.get("error") == null ? null : body.get("error").asText();
        }
    }

    Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? null : Json.mapper().readTree(r.body());
            return new Reply(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) {
        return call("POST", path, token, body == null ? "" : body);
    }

    String login(String login, String password) {
        Reply r = post("/api/login", null, Map.of("login", login, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
        }
        return r.body().get("token").asText();
    }

    String firstRoom(String token) {
        return get("/api/rooms", token).body().get("rooms").get(0).get("id").asText();
    }

    /** Creates a code for {@code patient} in the doctor's first room; returns the code as shown. */
    String code(String token, String patient) {
        Reply r = post("/api/rooms/" + firstRoom(token) + "/codes", token, Map.of("patientName", patient));
        if (r.status() != 201) {
            throw new IllegalStateException("code failed: " + r.status() + " " + r.body());
        }
        return r.body().get("code").asText();
    }

    /** Redeems a code; returns the guest token. */
    String redeem(String code, String name) {
        Reply r = post("/api/guest/redeem", null, Map.of("code", code, "name", name, "consent", true));
        if (r.status() != 200) {
            throw new IllegalStateException("redeem failed: " + r.status() + " " + r.body());
        }
        return r.body().get("guestToken").asText();
    }
}
