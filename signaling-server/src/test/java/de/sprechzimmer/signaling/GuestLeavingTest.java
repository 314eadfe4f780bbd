package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A waiting guest leaves when it says so; a guest whose time ran out is done when the session ends. */
class GuestLeavingTest {

    TestServer server;
    Rest rest;
    String doctorToken;
    WsClient doctor;
    final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(Map.of("resume-window", "30s"));
        rest = server.rest();
        doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        doctor = open();
        doctor.hello(doctorToken);
        doctor.next("waiting");
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        server.close();
    }

    WsClient open() throws Exception {
        WsClient c = WsClient.open(server.ws());
        clients.add(c);
        return c;
    }

    static List<String> waitingNames(JsonNode waiting) {
        List<String> names = new ArrayList<>();
        waiting.get("data").get("entries").forEach(e -> names.add(e.get("name").asText()));
        return names;
    }

    @Test
    void aWaitingGuestWhoLeavesIsOffTheListAtOnceAndComesBackToItsPlace() throws Exception {
        String erikaToken = rest.redeem(rest.code(doctorToken, "Erika"), "Erika");
        String maxToken = rest.redeem(rest.code(doctorToken, "Max"), "Max");
        WsClient erika = open();
        erika.hello(erikaToken);
        erika.next("waiting-room");
        assertThat(waitingNames(doctor.next("waiting"))).containsExactly("Erika");
        server.scheduler.advance(Duration.ofSeconds(5));
        WsClient max = open();
        max.hello(maxToken);
        max.next("waiting-room");
        assertThat(waitingNames(doctor.next("waiting"))).containsExactly("Erika", "Max");

        // the page goes away (reload, tab closed): leave first, then the socket closes
        String id = erika.send("leave", Map.of());
        assertThat(erika.next("ok").get("id").asText()).isEqualTo(id);
        assertThat(erika.closeCode()).isEqualTo(1000);
        // no resume window to wait out: the doctor sees it now (the clock has not moved)
        assertThat(waitingNames(doctor.next("waiting"))).containsExactly("Max");

        // a reloaded page comes back with the same token, to the place it had
        WsClient back = open();
        back.hello(erikaToken);
        back.next("waiting-room");
        assertThat(waitingNames(doctor.next("waiting"))).containsExactly("Erika", "Max");
        assertThat(rest.get("/api/guest/me", erikaToken).status()).isEqualTo(200);
    }

    @Test
    void onlyAWaitingGuestLeavesWithoutASession() throws Exception {
        doctor.send("leave", Map.of());
        doctor.error("not_in_session");
        String token = rest.redeem(rest.code(doctorToken, "Erika"), "Erika");
        WsClient erika = open();
        String erikaId = erika.hello(token).get("data").get("participantId").asText();
        erika.next("waiting-room");
        doctor.send("admit", Map.of("guestId", erikaId));
        doctor.next("ok");
        erika.next("session");
        erika.send("leave", Map.of());
        erika.error("not_in_session");
        assertThat(erika.closed).isNotDone();
    }

    @Test
    void aGuestWhoseResumeWindowRanOutBeforeTheEndIsRefusedAfterIt() throws Exception {
        String token = rest.redeem(rest.code(doctorToken, "Erika"), "Erika");
        WsClient erika = open();
        String erikaId = erika.hello(token).get("data").get("participantId").asText();
        erika.next("waiting-room");
        doctor.send("admit", Map.of("guestId", erikaId));
        String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
        erika.next("session");
        erika.abort();
        await().atMost(Duration.ofSeconds(15)).until(() -> server.service.openConnections() == 1);
        server.scheduler.advance(Duration.ofSeconds(31));
        assertThat(doctor.next("peer-left").get("data").get("participantId").asText()).isEqualTo(erikaId);
        // still within the session's life the token works: the patient's page may come back into the call
        assertThat(rest.get("/api/guest/me", token).status()).isEqualTo(200);

        doctor.send("end-session", Map.of("sessionId", sessionId));
        doctor.next("ok");
        Rest.Reply me = rest.get("/api/guest/me", token);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.error()).isEqualTo("token_revoked");
        WsClient again = open();
        again.send("hello", Map.of("token", token));
        again.error("token_revoked");
        assertThat(again.closeCode()).isEqualTo(4403);
    }
}
