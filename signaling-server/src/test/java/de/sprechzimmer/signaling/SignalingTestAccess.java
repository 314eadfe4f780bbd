package de.sprechzimmer.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** Lets tests in sub-packages drive a {@link TestServer} and its clients. */
public final class SignalingTestAccess implements AutoCloseable {

    private final TestServer server;

    private SignalingTestAccess(TestServer server) {
        this.server = server;
    }

    public static SignalingTestAccess start(Map<String, String> overrides) throws InterruptedException {
        return new SignalingTestAccess(TestServer.start(overrides));
    }

    public String login() {
        return server.rest().login(TestServer.ADMIN, TestServer.PASSWORD);
    }

    public Client client() throws Exception {
        return new Client(WsClient.open(server.ws()));
    }

    public Client client(String origin) throws Exception {
        return new Client(WsClient.open(server.ws(), origin));
    }

    public void advance(Duration d) {
        server.scheduler.advance(d);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The test WebSocket client, visible to other packages. */
    public static final class Client implements AutoCloseable {
        private final WsClient ws;
        public final java.util.concurrent.CompletableFuture<Integer> closed;

        Client(WsClient ws) {
            this.ws = ws;
            this.closed = ws.closed;
        }

        public void sendRaw(String text) {
            ws.sendRaw(text);
        }

        public String send(String type, Object data) {
            return ws.send(type, data);
        }

        public JsonNode next(String type) throws InterruptedException {
            return ws.next(type);
        }

        public JsonNode nextAny() throws InterruptedException {
            JsonNode m = ws.inbox.poll(15, java.util.concurrent.TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 15 s");
            }
            return m;
        }

        public JsonNode error(String code) throws InterruptedException {
            return ws.error(code);
        }

        public JsonNode hello(String token) throws InterruptedException {
            return ws.hello(token);
        }

        public int closeCode() throws Exception {
            return ws.closeCode();
        }

        @Override
        public void close() {
            ws.close();
        }
    }
}
