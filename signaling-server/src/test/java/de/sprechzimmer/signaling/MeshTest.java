package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several guests: the mesh limit, declining, leaving, telemetry and the meters. */
class MeshTest {

    TestServer server;
    Rest rest;
    String doctorToken;
    WsClient doctor;
    final List<WsClient> guests = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        rest = server.rest();
        doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        doctor = WsClient.open(server.ws());
        doctor.hello(doctorToken);
    }

    @AfterEach
    void stop() {
        guests.forEach(WsClient::close);
        doctor.close();
        server.close();
    }

    String guest(String name) throws Exception {
        WsClient g = WsClient.open(server.ws());
        guests.add(g);
        String id = g.hello(rest.redeem(rest.code(doctorToken, name), name)).get("data").get("participantId").asText();
        g.next("waiting-room");
        return id;
    }

    @Test
    void threeGuestsFitAFourthGetsSessionFullAndKeepsWaiting() throws Exception {
        String sessionId = null;
        for (int i = 0; i < 3; i++) {
            String id = guest("Gast " + i);
            doctor.send("admit", sessionId == null ? Map.of("guestId", id) : Map.of("guestId", id, "sessionId", sessionId));
            sessionId = doctor.next("ok").get("data").get("sessionId").asText();
            JsonNode session = guests.get(i).next("session").get("data");
            assertThat(session.get("peers")).hasSize(i + 1);
            // the newcomer is polite towards everyone already there
            session.get("peers").forEach(p -> assertThat(p.get("polite").asBoolean()).isTrue());
            for (int k = 0; k < i; k++) {
                JsonNode joined = guests.get(k).next("peer-joined").get("data");
                assertThat(joined.get("participantId").asText()).isEqualTo(id);
                assertThat(joined.get("polite").asBoolean()).isFalse();
            }
        }
        String fourth = guest("Gast 4");
        doctor.send("admit", Map.of("guestId", fourth));
        doctor.error("session_full");
        JsonNode waiting = null;
        for (int i = 0; i < 10; i++) {
            waiting = doctor.next("waiting").get("data").get("entries");
            if (waiting.size() == 1 && waiting.get(0).get("guestId").asText().equals(fourth)) {
                break;
            }
        }
        assertThat(waiting).hasSize(1);

        // a guest leaves: the others hear it, its token is dead
        guests.get(0).send("leave", Map.of("sessionId", sessionId));
        guests.get(0).next("ok");
        assertThat(guests.get(0).closeCode()).isEqualTo(1000);
        assertThat(guests.get(1).next("peer-left")).isNotNull();
        assertThat(doctor.next("peer-left")).isNotNull();

        guests.get(1).send("telemetry", Map.of("sessionId", sessionId, "media", "audio-video", "path", "relay",
                "port", 443, "bitrateKbps", 1200));
        guests.get(1).next("ok");
        guests.get(1).send("telemetry", Map.of("sessionId", sessionId, "media", "audio-video", "path", "relay",
                "sdp", "v=0"));
        guests.get(1).error("invalid_telemetry");
        assertThat(server.stats).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("telemetry");
            assertThat(e.fields()).containsEntry("path", "relay").containsEntry("role", "guest").containsEntry("bitrate-kbps", "1200")
                    .doesNotContainKey("sessionId");
        });
        assertThat(server.registry.get("signaling.messages.in").tag("type", "admit").counter().count()).isEqualTo(4);
        assertThat(server.registry.get("signaling.redeem.attempts").tag("outcome", "ok").counter().count()).isEqualTo(4);
        assertThat(server.registry.get("signaling.logins").tag("outcome", "ok").counter().count()).isEqualTo(1);
        // the guest that left closed its socket; the server may see that a moment after the client
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> server.registry.get("signaling.connections.open").gauge().value() == 4);
    }

    @Test
    void aDeclinedGuestIsToldAndItsTokenDies() throws Exception {
        String id = guest("Erika");
        doctor.send("decline", Map.of("guestId", id));
        doctor.next("ok");
        guests.get(0).next("declined");
        assertThat(guests.get(0).closeCode()).isEqualTo(4403);
        doctor.send("decline", Map.of("guestId", id));
        doctor.error("unknown_guest");
    }

    @Test
    void relayLatencyIsMeasured() throws Exception {
        String id = guest("Erika");
        doctor.send("admit", Map.of("guestId", id));
        String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
        for (int i = 0; i < 5; i++) {
            doctor.send("signal", Map.of("sessionId", sessionId, "to", id, "payload", Map.of("candidate", Map.of("i", i))));
            guests.get(0).next("signal");
        }
        // recorded right after the hand-off to the socket, so possibly a moment after the client has it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> server.registry.get("signaling.relay.latency").timer().count() == 5);
    }
}
