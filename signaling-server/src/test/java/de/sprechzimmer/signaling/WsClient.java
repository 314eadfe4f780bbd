package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (java.net.http) that queues every message the server sends. */
final class WsClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private int ids;
    long lastSeq;

    private WsClient(String url, String origin) throws Exception {
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        this.ws = b.buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        inbox.add(Json.mapper().readTree(partial.toString()));
                    } catch (Exception e) {
                        inbox.add(Json.mapper().createObjectNode().put("type", "unparseable"));
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).get(15, TimeUnit.SECONDS);
    }

    static WsClient open(String url) throws Exception {
        return new WsClient(url, null);
    }

    static WsClient open(String url, String origin) throws Exception {
        return new WsClient(url, origin);
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    /** Sends a v1 message with a fresh id; returns the id. */
    String send(String type, Object data) {
        String id = "c" + (++ids);
        sendRaw(Json.write(java.util.Map.of("v", 1, "type", type, "id", id, "data", data)));
        return id;
    }

    private final List<JsonNode> pending = new ArrayList<>();

    /**
     * The oldest not yet taken message of {@code type}; messages of other types stay for later calls
     * (so a test need not know how the server interleaves independent events). Fails after 15 s.
     */
    JsonNode next(String type) throws InterruptedException {
        return next(m -> m.get("type").asText().equals(type), "'" + type + "' message");
    }

    /**
     * The reply ({@code ok} or {@code error}) to the message sent with this id. Waiting for "the next ok" instead
     * can take the still unread ok of an earlier message and go on before the server has finished this one.
     */
    JsonNode replyTo(String id) throws InterruptedException {
        return next(m -> m.has("id") && m.get("id").asText().equals(id), "reply to " + id);
    }

    private JsonNode next(java.util.function.Predicate<JsonNode> wanted, String what) throws InterruptedException {
        for (int i = 0; i < pending.size(); i++) {
            if (wanted.test(pending.get(i))) {
                return pending.remove(i);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + what + " within 15 s; unread: " + pending);
            }
            if (m.has("seq")) {
                lastSeq = Math.max(lastSeq, m.get("seq").asLong());
            }
            if (wanted.test(m)) {
                return m;
            }
            pending.add(m);
        }
    }

    /** Everything received so far (taken or not), for "nothing like this arrived" checks. */
    List<JsonNode> drain() {
        inbox.drainTo(pending);
        return pending;
    }

    /** The error reply with this code. */
    JsonNode error(String code) throws InterruptedException {
        JsonNode e = next("error");
        assertThat(e.get("data").get("code").asText()).isEqualTo(code);
        return e;
    }

    JsonNode hello(String token) throws InterruptedException {
        send("hello", java.util.Map.of("token", token));
        return next("welcome");
    }

    int closeCode() throws Exception {
        return closed.get(15, TimeUnit.SECONDS);
    }

    /** Drops the TCP connection without a close handshake (a network failure). */
    void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        ws.abort();
    }
}
