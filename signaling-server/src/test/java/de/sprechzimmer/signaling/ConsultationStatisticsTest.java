package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consultation events (docs/statistics.md): who took part, how long, which features, which connection. */
class ConsultationStatisticsTest {

    TestServer server;
    Rest rest;
    String doctorToken;
    WsClient doctor;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // no heartbeat drops while the test moves the clock by minutes
        server = TestServer.start(Map.of("heartbeat-interval", "2h"));
        rest = server.rest();
        doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        doctor = WsClient.open(server.ws());
        clients.add(doctor);
        doctor.hello(doctorToken);
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        server.close();
    }

    /** A guest that redeemed a code and waits; its participant id is {@code id}. */
    record Guest(WsClient ws, String id) {
    }

    Guest waitingGuest(String name) throws Exception {
        WsClient ws = WsClient.open(server.ws());
        clients.add(ws);
        String id = ws.hello(rest.redeem(rest.code(doctorToken, name), name)).get("data").get("participantId").asText();
        ws.next("waiting-room");
        return new Guest(ws, id);
    }

    String admit(Guest g, String sessionId) throws Exception {
        doctor.send("admit", sessionId == null ? Map.of("guestId", g.id()) : Map.of("guestId", g.id(), "sessionId", sessionId));
        String sid = doctor.next("ok").get("data").get("sessionId").asText();
        g.ws().next("session");
        return sid;
    }

    void end(String sessionId) throws Exception {
        doctor.send("end-session", Map.of("sessionId", sessionId));
        doctor.next("ok");
    }

    List<StatsEvent> events(String type) {
        return server.stats.stream().filter(e -> e.type().equals(type)).toList();
    }

    StatsEvent ended() {
        await().atMost(Duration.ofSeconds(15)).until(() -> !events("consultation.ended").isEmpty());
        assertThat(events("consultation.ended")).hasSize(1);
        return events("consultation.ended").get(0);
    }

    @Test
    void startedCountsTheFirstGuestAndEndedEveryDistinctGuestWhoTookPart() throws Exception {
        Guest erika = waitingGuest("Erika");
        String sid = admit(erika, null);
        assertThat(events("consultation.started")).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("guests", "1").containsEntry("doctors", "1"));
        server.scheduler.advance(Duration.ofSeconds(20));
        // Erika hangs up; Max joins the same session later: never more than one guest at once, two took part
        erika.ws().send("leave", Map.of("sessionId", sid));
        erika.ws().next("ok");
        Guest max = waitingGuest("Max");
        admit(max, sid);
        server.scheduler.advance(Duration.ofSeconds(734));
        end(sid);
        StatsEvent e = ended();
        assertThat(e.fields()).containsEntry("guests", "2").containsEntry("doctors", "1")
                .containsEntry("duration-s", "754").containsEntry("connection", "unknown")
                .doesNotContainKeys("features", "relay-protocol");
        assertThat(events("consultation.started")).hasSize(1);
    }

    @Test
    void featuresAndConnectionOfTheSessionReachItsEndedEvent() throws Exception {
        Guest erika = waitingGuest("Erika");
        String sid = admit(erika, null);
        erika.ws().send("feature-used", Map.of("sessionId", sid, "feature", "chat"));
        erika.ws().next("ok");
        erika.ws().send("feature-used", Map.of("sessionId", sid, "feature", "chat"));
        erika.ws().next("ok");
        doctor.send("feature-used", Map.of("sessionId", sid, "feature", "screen-sharing"));
        doctor.next("ok");
        erika.ws().send("telemetry", Map.of("sessionId", sid, "media", "audio-video", "path", "p2p", "protocol", "udp", "port", 50000));
        erika.ws().next("ok");
        doctor.send("telemetry", Map.of("sessionId", sid, "media", "audio-video", "path", "relay", "protocol", "tcp", "port", 3478));
        doctor.next("ok");
        end(sid);
        assertThat(ended().fields()).containsEntry("features", "chat,screen-sharing")
                .containsEntry("connection", "relay").containsEntry("relay-protocol", "tcp").containsEntry("guests", "1");
    }

    @Test
    void reportsThatNeverSaidRelayMakeAPeerToPeerConsultation() throws Exception {
        Guest erika = waitingGuest("Erika");
        String sid = admit(erika, null);
        erika.ws().send("telemetry", Map.of("sessionId", sid, "media", "audio", "path", "p2p"));
        erika.ws().next("ok");
        end(sid);
        assertThat(ended().fields()).containsEntry("connection", "p2p").doesNotContainKey("relay-protocol");
    }

    @Test
    void onlyMembersReportFeaturesAndOnlyKnownOnes() throws Exception {
        Guest erika = waitingGuest("Erika");
        Guest waiting = waitingGuest("Max");
        String sid = admit(erika, null);
        waiting.ws().send("feature-used", Map.of("sessionId", sid, "feature", "chat"));
        waiting.ws().error("not_in_session");
        erika.ws().send("feature-used", Map.of("sessionId", sid, "feature", "telepathy"));
        JsonNode e = erika.ws().error("invalid_message");
        assertThat(e.get("data").get("message").asText()).contains("whiteboard, chat, screen-sharing, screenshot");
        erika.ws().send("feature-used", Map.of("sessionId", sid, "feature", "chat", "text", "hello"));
        erika.ws().error("invalid_message");
        end(sid);
        assertThat(ended().fields()).doesNotContainKey("features");
    }

    @Test
    void aSessionWithoutAGuestIsNoConsultation() throws Exception {
        Guest erika = waitingGuest("Erika");
        String sid = admit(erika, null);
        // the guest leaves; the doctor's own session is ended: one consultation, counted once
        erika.ws().send("leave", Map.of("sessionId", sid));
        erika.ws().next("ok");
        end(sid);
        ended();
        // a session that never had a guest (its only guest left before it was admitted) is not counted
        Guest max = waitingGuest("Max");
        max.ws().send("leave", Map.of());
        max.ws().next("ok");
        doctor.send("admit", Map.of("guestId", max.id()));
        doctor.error("unknown_guest");
        assertThat(events("consultation.started")).hasSize(1);
        assertThat(events("consultation.ended")).hasSize(1);
    }
}
