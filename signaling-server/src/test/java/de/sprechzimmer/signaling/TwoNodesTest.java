package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two signaling nodes in one JVM on different ports, sharing one real redis-server ({@link TwoNodes}). */
class TwoNodesTest {

    TwoNodes nodes;
    TestServer nodeA;
    TestServer nodeB;

    @BeforeEach
    void start() throws Exception {
        nodes = new TwoNodes(Map.of());
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void doctorOnOneNodeAdmitsAGuestOnTheOtherAndSignalsCrossOver() throws Exception {
        assertThat(nodeB.console.toString()).isEmpty();
        String doctorToken = nodeA.rest().login(TestServer.ADMIN, TestServer.PASSWORD);
        String code = nodeA.rest().code(doctorToken, "Erika Mustermann");
        String guestToken = nodeB.rest().redeem(code, "Erika Mustermann");
        assertThat(nodeB.rest().get("/api/me", doctorToken).status()).isEqualTo(200);

        try (WsClient doctor = WsClient.open(nodeA.ws()); WsClient guest = WsClient.open(nodeB.ws());
             WsClient secondTab = WsClient.open(nodeB.ws())) {
            String doctorId = doctor.hello(doctorToken).get("data").get("participantId").asText();
            doctor.next("waiting");
            secondTab.hello(doctorToken);
            secondTab.next("waiting");
            String guestId = guest.hello(guestToken).get("data").get("participantId").asText();
            guest.next("waiting-room");
            assertThat(doctor.next("waiting").get("data").get("entries").get(0).get("guestId").asText()).isEqualTo(guestId);
            // the waiting list is the same on both nodes
            assertThat(secondTab.next("waiting").get("data").get("entries").get(0).get("guestId").asText()).isEqualTo(guestId);

            doctor.send("admit", Map.of("guestId", guestId));
            String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
            JsonNode session = guest.next("session").get("data");
            assertThat(session.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(session.get("peers").get(0).get("participantId").asText()).isEqualTo(doctorId);
            assertThat(secondTab.next("waiting").get("data").get("entries")).isEmpty();
            // the admit is taken once: a second admit of the same guest from the other node fails cleanly
            secondTab.send("admit", Map.of("guestId", guestId));
            secondTab.error("unknown_guest");

            doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId,
                    "payload", Map.of("description", Map.of("type", "offer", "sdp", "x"))));
            assertThat(guest.next("signal").get("data").get("from").asText()).isEqualTo(doctorId);
            guest.send("signal", Map.of("sessionId", sessionId, "to", doctorId,
                    "payload", Map.of("candidate", Map.of("candidate", "candidate:1 1 udp 2122260223 198.51.100.23 41030 typ host"))));
            doctor.next("signal");
            guest.send("signal", Map.of("sessionId", sessionId, "to", doctorId,
                    "payload", Map.of("description", Map.of("type", "answer", "sdp", "y"))));
            assertThat(doctor.next("signal").get("data").get("payload").get("description").get("type").asText())
                    .isEqualTo("answer");

            String end = doctor.send("end-session", Map.of("sessionId", sessionId));
            guest.next("session-ended");
            assertThat(guest.closeCode()).isEqualTo(4403);
            assertThat(doctor.replyTo(end).get("type").asText()).isEqualTo("ok");
            // the session's SDP and candidates (addresses) were kept for replay only while it ran
            assertThat(allRedisText()).doesNotContain("198.51.100.23").doesNotContain("\"sdp\"");
        }
        assertThat(nodeB.rest().get("/api/guest/me", guestToken).error()).isEqualTo("token_revoked");
    }

    /** Every key and value in Redis, as text. */
    private String allRedisText() {
        var r = nodes.redisA.strings().sync();
        StringBuilder sb = new StringBuilder();
        for (String key : r.keys("*")) {
            sb.append(key).append('\n');
            switch (r.type(key)) {
                case "string" -> sb.append(r.get(key));
                case "list" -> sb.append(r.lrange(key, 0, -1));
                case "set" -> sb.append(r.smembers(key));
                case "zset" -> sb.append(r.zrange(key, 0, -1));
                case "hash" -> sb.append(r.hgetall(key));
                default -> sb.append(r.type(key));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void aGuestDroppedOnOneNodeResumesOnTheOtherWithWhatItMissed() throws Exception {
        String doctorToken = nodeA.rest().login(TestServer.ADMIN, TestServer.PASSWORD);
        String guestToken = nodeB.rest().redeem(nodeA.rest().code(doctorToken, "Erika"), "Erika");
        try (WsClient doctor = WsClient.open(nodeA.ws())) {
            doctor.hello(doctorToken);
            String guestId;
            String resume;
            long lastSeq;
            try (WsClient guest = WsClient.open(nodeB.ws())) {
                JsonNode w = guest.hello(guestToken).get("data");
                guestId = w.get("participantId").asText();
                resume = w.get("resumeToken").asText();
                guest.next("waiting-room");
                doctor.send("admit", Map.of("guestId", guestId));
                guest.next("session");
                lastSeq = guest.lastSeq;
                guest.abort();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                        .until(() -> nodeB.service.openConnections() == 0);
            }
            String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
            doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId,
                    "payload", Map.of("description", Map.of("type", "offer", "sdp", "missed"))));
            doctor.next("ok");
            try (WsClient back = WsClient.open(nodeA.ws())) {
                back.send("hello", Map.of("resume", resume, "lastSeq", lastSeq));
                assertThat(back.next("welcome").get("data").get("resumed").asBoolean()).isTrue();
                JsonNode missed = back.next("signal");
                assertThat(missed.get("seq").asLong()).isEqualTo(lastSeq + 1);
                assertThat(missed.get("data").get("payload").get("description").get("sdp").asText()).isEqualTo("missed");
                // and live events now reach it on its new node
                doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId, "payload", Map.of("candidate", Map.of())));
                assertThat(back.next("signal").get("seq").asLong()).isEqualTo(lastSeq + 2);
            }
        }
    }
}
