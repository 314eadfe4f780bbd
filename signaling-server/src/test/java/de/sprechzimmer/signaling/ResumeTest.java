package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dropped WebSocket resumes within the window (with replay), and after it the participant is gone. */
class ResumeTest {

    TestServer server;
    WsClient doctor;
    WsClient guest;
    String sessionId;
    String doctorId;
    String guestId;
    String guestResume;

    @BeforeEach
    void inASession() throws Exception {
        server = TestServer.start(Map.of("heartbeat-interval", "15s", "resume-window", "30s"));
        Rest rest = server.rest();
        String doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        String guestToken = rest.redeem(rest.code(doctorToken, "Erika"), "Erika");
        doctor = WsClient.open(server.ws());
        guest = WsClient.open(server.ws());
        doctorId = doctor.hello(doctorToken).get("data").get("participantId").asText();
        JsonNode welcome = guest.hello(guestToken);
        guestId = welcome.get("data").get("participantId").asText();
        guestResume = welcome.get("data").get("resumeToken").asText();
        guest.next("waiting-room");
        doctor.send("admit", Map.of("guestId", guestId));
        sessionId = doctor.next("ok").get("data").get("sessionId").asText();
        guest.next("session");
    }

    @AfterEach
    void stop() {
        doctor.close();
        guest.close();
        server.close();
    }

    void dropGuest() {
        guest.abort();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.service.openConnections() == 1);
    }

    @Test
    void resumeWithinTheWindowReplaysWhatWasMissed() throws Exception {
        long lastSeq = guest.lastSeq;
        dropGuest();
        doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId,
                "payload", Map.of("description", Map.of("type", "offer", "sdp", "while-away"))));
        doctor.next("ok");
        server.scheduler.advance(Duration.ofSeconds(29));
        doctor.send("pong", Map.of("t", 29));
        doctor.next("ok");

        try (WsClient back = WsClient.open(server.ws())) {
            back.send("hello", Map.of("resume", guestResume, "lastSeq", lastSeq));
            JsonNode welcome = back.next("welcome").get("data");
            assertThat(welcome.get("resumed").asBoolean()).isTrue();
            assertThat(welcome.get("participantId").asText()).isEqualTo(guestId);
            assertThat(welcome.get("resumeToken").asText()).isNotEqualTo(guestResume);
            JsonNode replayed = back.next("signal");
            assertThat(replayed.get("seq").asLong()).isEqualTo(lastSeq + 1);
            assertThat(replayed.get("data").get("payload").get("description").get("sdp").asText()).isEqualTo("while-away");

            server.scheduler.advance(Duration.ofSeconds(5));
            // still a member: signals keep flowing, the doctor never saw the guest leave
            back.send("signal", Map.of("sessionId", sessionId, "to", doctorId, "payload", Map.of("candidate", Map.of())));
            doctor.next("signal");
            assertThat(doctor.drain()).noneMatch(m -> m.get("type").asText().equals("peer-left"));

            // the old resume token was single-use
            try (WsClient replay = WsClient.open(server.ws())) {
                replay.send("hello", Map.of("resume", guestResume, "lastSeq", 0));
                replay.error("invalid_resume");
            }
        }
    }

    @Test
    void afterTheWindowTheGuestIsGoneAndTheResumeTokenDead() throws Exception {
        dropGuest();
        server.scheduler.advance(Duration.ofSeconds(31));
        assertThat(doctor.next("peer-left").get("data").get("participantId").asText()).isEqualTo(guestId);
        try (WsClient back = WsClient.open(server.ws())) {
            back.send("hello", Map.of("resume", guestResume, "lastSeq", 0));
            back.error("invalid_resume");
            // the connection stays usable after the error
            back.send("hello", Map.of("resume", "x".repeat(43), "lastSeq", 0));
            back.error("invalid_resume");
        }
    }

    @Test
    void aSilentClientIsDroppedAfterTwoHeartbeatsAndMayResume() throws Exception {
        server.scheduler.advance(Duration.ofSeconds(15));
        assertThat(guest.next("ping").get("data").get("t").asLong()).isPositive();
        doctor.send("pong", Map.of("t", 1));
        doctor.next("ok");
        server.scheduler.advance(Duration.ofSeconds(15));
        doctor.send("pong", Map.of("t", 2));
        doctor.next("ok");
        server.scheduler.advance(Duration.ofSeconds(15));
        // the guest said nothing for 45 s (> 2 x 15 s): dropped; the doctor answered and stays
        assertThat(guest.closeCode()).isNotEqualTo(4403);
        await().atMost(Duration.ofSeconds(15)).until(() -> server.service.openConnections() == 1);
        try (WsClient back = WsClient.open(server.ws())) {
            back.send("hello", Map.of("resume", guestResume, "lastSeq", guest.lastSeq));
            assertThat(back.next("welcome").get("data").get("resumed").asBoolean()).isTrue();
        }
    }
}
