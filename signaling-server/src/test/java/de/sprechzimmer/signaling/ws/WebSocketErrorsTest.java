package de.sprechzimmer.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.signaling.SignalingTestAccess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input over the real WebSocket: a clear error code each time, and the connection and server keep working. */
class WebSocketErrorsTest {

    static SignalingTestAccess server;
    static String doctorToken;

    @BeforeAll
    static void start() throws Exception {
        server = SignalingTestAccess.start(Map.of("heartbeat-interval", "1h"));
        doctorToken = server.login();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedJsonUnknownTypesAndWrongVersionsGetErrorsAndTheConnectionStays() throws Exception {
        try (var c = server.client()) {
            c.sendRaw("{not json");
            c.error("invalid_json");
            c.sendRaw("[1,2,3]");
            c.error("invalid_json");
            c.sendRaw("{\"v\":1,\"type\":\"teleport\",\"id\":\"x1\"}");
            assertThat(c.error("unknown_type").get("id").asText()).isEqualTo("x1");
            c.sendRaw("{\"v\":2,\"type\":\"hello\",\"id\":\"x2\",\"data\":{\"token\":\"t\"}}");
            assertThat(c.error("unsupported_version").get("id").asText()).isEqualTo("x2");
            c.sendRaw("{\"v\":1,\"type\":\"hello\",\"data\":{\"token\":\"a\",\"resume\":\"b\"}}");
            c.error("invalid_message");
            c.sendRaw("{\"v\":1,\"type\":\"hello\",\"data\":{\"token\":\"a\",\"extra\":1}}");
            c.error("invalid_message");
            c.sendRaw("{\"v\":1,\"type\":\"hello\",\"id\":\"" + "i".repeat(65) + "\"}");
            c.error("invalid_message");
            // a value of the wrong type is not coerced
            c.sendRaw("{\"v\":1,\"type\":\"hello\",\"data\":{\"token\":12345}}");
            c.error("invalid_message");
            c.sendRaw("{\"v\":1,\"type\":\"hello\",\"data\":{\"resume\":\"r\",\"lastSeq\":\"5\"}}");
            c.error("invalid_message");
            // after all that, the same connection authenticates fine
            assertThat(c.hello(doctorToken).get("data").get("role").asText()).isEqualTo("doctor");
            c.send("signal", Map.of("sessionId", "s_none", "to", "p_x", "payload", Map.of("sdp", "x")));
            c.error("invalid_message");
            c.send("signal", Map.of("sessionId", "s_none", "to", "p_x", "payload", Map.of("candidate", Map.of())));
            c.error("not_in_session");
            c.send("end-session", Map.of("sessionId", "s_none"));
            c.error("not_in_session");
            c.send("hello", Map.of("token", doctorToken));
            c.error("invalid_message");
        }
    }

    @Test
    void messagesBeforeHelloAreRefused() throws Exception {
        try (var c = server.client()) {
            c.send("admit", Map.of("guestId", "p_x"));
            c.error("auth_required");
            assertThat(c.hello(doctorToken)).isNotNull();
        }
    }

    @Test
    void anUnknownTokenClosesWith4401() throws Exception {
        try (var c = server.client()) {
            c.send("hello", Map.of("token", "not-a-token"));
            c.error("unauthorized");
            assertThat(c.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void noHelloWithinTenSecondsOfTheInjectedClockClosesWith4401() throws Exception {
        try (var c = server.client()) {
            c.sendRaw("{\"v\":1,\"type\":\"pong\",\"data\":{\"t\":1}}");
            c.error("auth_required");
            server.advance(Duration.ofSeconds(9));
            assertThat(c.closed).isNotDone();
            server.advance(Duration.ofSeconds(1));
            c.error("auth_timeout");
            assertThat(c.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void anOversizedFrameClosesWith1009AndTheServerKeepsServing() throws Exception {
        // Well over the limit, so the client is still sending when the server answers: the answer must survive.
        for (int pad : new int[] {70_000, 2_000_000}) {
            try (var c = server.client()) {
                c.hello(doctorToken);
                c.sendRaw("{\"v\":1,\"type\":\"pong\",\"data\":{\"t\":1},\"pad\":\"" + "x".repeat(pad) + "\"}");
                int code = c.closeCode();
                assertThat(code).as("close code after %d bytes", pad).isEqualTo(1009);
            }
        }
        try (var other = server.client()) {
            assertThat(other.hello(doctorToken)).isNotNull();
        }
    }

    @Test
    void moreThanFiftyMessagesASecondAreRateLimited() throws Exception {
        try (var c = server.client()) {
            c.hello(doctorToken);
            for (int i = 0; i < 60; i++) {
                c.send("pong", Map.of("t", i));
            }
            int ok = 0;
            int limited = 0;
            while (ok + limited < 60) {
                var m = c.nextAny();
                if (m.get("type").asText().equals("ok")) {
                    ok++;
                } else if (m.get("type").asText().equals("error")) {
                    assertThat(m.get("data").get("code").asText()).isEqualTo("rate_limited");
                    limited++;
                }
            }
            // the clock does not move: the hello took one token, 49 pongs pass, 11 are refused
            assertThat(ok).isEqualTo(49);
            assertThat(limited).isEqualTo(11);
            server.advance(Duration.ofSeconds(1));
            c.send("pong", Map.of("t", 99));
            c.next("ok");
        }
    }

    @Test
    void aForeignOriginCannotOpenTheWebSocket() {
        assertThatThrownBy(() -> server.client("https://evil.example")).hasRootCauseMessage("Unexpected HTTP response status code 403");
    }
}
