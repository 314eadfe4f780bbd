package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.turn.TurnCredentials;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsultationFlowTest {

    TestServer server;
    Rest rest;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(Map.of("turn-urls", "stun:turn.example:3478,turn:turn.example:3478?transport=udp"));
        rest = server.rest();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void doctorAdmitsPatientSignalsAreRelayedAndEndingKillsTheGuestToken() throws Exception {
        String doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        String code = rest.code(doctorToken, "Erika Mustermann");
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
        String guestToken = rest.redeem(code.toLowerCase().replace("-", " "), "Erika Mustermann");

        try (WsClient doctor = WsClient.open(server.ws()); WsClient guest = WsClient.open(server.ws())) {
            JsonNode welcome = doctor.hello(doctorToken);
            assertThat(welcome.get("data").get("role").asText()).isEqualTo("doctor");
            assertThat(welcome.get("data").get("features")).extracting(JsonNode::asText).contains("resume", "mesh");
            assertThat(doctor.next("waiting").get("data").get("entries")).isEmpty();

            JsonNode guestWelcome = guest.hello(guestToken);
            assertThat(guestWelcome.get("data").get("role").asText()).isEqualTo("guest");
            String guestId = guestWelcome.get("data").get("participantId").asText();
            JsonNode room = guest.next("waiting-room").get("data").get("room");
            assertThat(room.get("name").asText()).isEqualTo("Sprechstunde");

            JsonNode entries = doctor.next("waiting").get("data").get("entries");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).get("name").asText()).isEqualTo("Erika Mustermann");
            assertThat(entries.get(0).get("guestId").asText()).isEqualTo(guestId);

            String admitId = doctor.send("admit", Map.of("guestId", guestId));
            JsonNode doctorSession = doctor.next("session").get("data");
            JsonNode ok = doctor.next("ok");
            assertThat(ok.get("id").asText()).isEqualTo(admitId);
            String sessionId = ok.get("data").get("sessionId").asText();
            assertThat(doctorSession.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(doctorSession.get("peers")).isEmpty();
            JsonNode joined = doctor.next("peer-joined").get("data");
            assertThat(joined.get("participantId").asText()).isEqualTo(guestId);
            assertThat(doctor.next("waiting").get("data").get("entries")).isEmpty();

            JsonNode guestSession = guest.next("session").get("data");
            assertThat(guestSession.get("peers")).hasSize(1);
            JsonNode doctorPeer = guestSession.get("peers").get(0);
            assertThat(doctorPeer.get("role").asText()).isEqualTo("doctor");
            // perfect negotiation: the pair gets opposite roles, the newcomer is polite
            assertThat(doctorPeer.get("polite").asBoolean()).isTrue();
            assertThat(joined.get("polite").asBoolean()).isFalse();
            JsonNode ice = guestSession.get("iceServers").get(0);
            assertThat(ice.get("urls").get(0).asText()).isEqualTo("stun:turn.example:3478");
            assertThat(ice.get("username").asText()).endsWith(":" + guestId);
            assertThat(new TurnCredentials(TestServer.TURN_SECRET, server.scheduler.clock())
                    .verify(ice.get("username").asText(), ice.get("credential").asText())).isTrue();
            assertThat(server.tickets.verify(guestSession.get("tickets").get("whiteboard").asText(), "whiteboard"))
                    .get().satisfies(t -> {
                        assertThat(t.sessionId()).isEqualTo(sessionId);
                        assertThat(t.participantId()).isEqualTo(guestId);
                        assertThat(t.role()).isEqualTo("guest");
                    });

            String doctorId = welcome.get("data").get("participantId").asText();
            doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId,
                    "payload", Map.of("description", Map.of("type", "offer", "sdp", "v=0 fake"))));
            JsonNode relayed = guest.next("signal").get("data");
            assertThat(relayed.get("from").asText()).isEqualTo(doctorId);
            assertThat(relayed.get("payload").get("description").get("sdp").asText()).isEqualTo("v=0 fake");
            guest.send("signal", Map.of("sessionId", sessionId, "to", doctorId,
                    "payload", Map.of("candidate", Map.of("candidate", "candidate:1 1 udp 1 10.0.0.1 9 typ host"))));
            assertThat(doctor.next("signal").get("data").get("from").asText()).isEqualTo(guestId);

            doctor.send("end-session", Map.of("sessionId", sessionId));
            assertThat(guest.next("session-ended").get("data").get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(guest.closeCode()).isEqualTo(4403);
            assertThat(server.sessionEvents).anyMatch(e -> e instanceof SessionEvent.Started s && s.sessionId().equals(sessionId));
            // published right after the sockets are told: may come a moment after the close
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> server.sessionEvents.stream()
                    .anyMatch(e -> e instanceof SessionEvent.Ended s && s.sessionId().equals(sessionId)));
        }

        Rest.Reply me = rest.get("/api/guest/me", guestToken);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.error()).isEqualTo("token_revoked");
        try (WsClient again = WsClient.open(server.ws())) {
            again.send("hello", Map.of("token", guestToken));
            again.error("token_revoked");
            assertThat(again.closeCode()).isEqualTo(4403);
        }
        assertThat(server.stats).extracting(e -> e.type())
                .contains("login", "access-code.created", "consultation.started", "consultation.ended");
    }

    @Test
    void signalsReachOnlyMembersOfTheSameSession() throws Exception {
        String doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        String inToken = rest.redeem(rest.code(doctorToken, "A"), "A");
        String outToken = rest.redeem(rest.code(doctorToken, "B"), "B");
        try (WsClient doctor = WsClient.open(server.ws()); WsClient in = WsClient.open(server.ws());
             WsClient out = WsClient.open(server.ws())) {
            doctor.hello(doctorToken);
            String inId = in.hello(inToken).get("data").get("participantId").asText();
            String outId = out.hello(outToken).get("data").get("participantId").asText();
            in.next("waiting-room");
            out.next("waiting-room");
            doctor.send("admit", Map.of("guestId", inId));
            String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
            in.next("session");

            // a waiting guest is no member: it may not signal into the session, nor be signalled to
            out.send("signal", Map.of("sessionId", sessionId, "to", inId, "payload", Map.of("candidate", Map.of())));
            out.error("not_in_session");
            doctor.send("signal", Map.of("sessionId", sessionId, "to", outId, "payload", Map.of("candidate", Map.of())));
            doctor.error("unknown_peer");
            in.send("admit", Map.of("guestId", outId));
            in.error("forbidden");
            doctor.send("admit", Map.of("guestId", "p_nobody"));
            doctor.error("unknown_guest");
            // nothing leaked to the waiting guest
            out.send("pong", Map.of("t", 1));
            out.next("ok");
            assertThat(out.drain()).noneMatch(m -> m.get("type").asText().equals("signal"));
        }
    }
}
