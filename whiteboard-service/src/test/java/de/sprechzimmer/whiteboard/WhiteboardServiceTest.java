package de.sprechzimmer.whiteboard;

import static de.sprechzimmer.whiteboard.WhiteboardClient.error;
import static de.sprechzimmer.whiteboard.WhiteboardClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.whiteboard.board.Envelopes;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.InMemoryWhiteboardStore;
import de.sprechzimmer.whiteboard.store.StoreInspection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API end to end on the embedded (in-memory) composition, as the app wires it. */
class WhiteboardServiceTest {

    final ManualScheduler scheduler = new ManualScheduler();
    final InMemorySessionEvents events = new InMemorySessionEvents();
    final SessionTickets tickets = new SessionTickets("ticket-secret-for-tests", scheduler.clock());
    final Envelopes browser = new Envelopes();
    final ExecutorService workers = Executors.newFixedThreadPool(2);
    WhiteboardService service;
    HttpServer server;
    WhiteboardClient client;
    String doctor;
    String guest;

    @BeforeEach
    void start() throws Exception {
        List<Setting<?>> known = new ArrayList<>(WhiteboardSettings.all());
        known.addAll(CommonSettings.all());
        Settings settings = Settings.of(known, Map.of("whiteboard-max-file-size", "1000",
                "whiteboard-max-session-size", "2500", "whiteboard-max-files", "4"));
        service = new WhiteboardService(settings, scheduler, new SimpleMeterRegistry(), events, tickets);
        Router router = new Router();
        service.routes(router);
        server = HttpServer.builder().host("127.0.0.1").port(0).router(router).blockingWorkers(workers)
                .bodyLimit(WhiteboardService.PATH_PREFIX, service.bodyLimit()).build();
        client = new WhiteboardClient("http://127.0.0.1:" + server.start().getPort());
        service.start();
        doctor = ticket("s_1", "p_doc", "doctor");
        guest = ticket("s_1", "p_guest", "guest");
    }

    @AfterEach
    void stop() {
        service.close();
        server.close();
        workers.shutdownNow();
    }

    String ticket(String session, String participant, String role) {
        return tickets.issue("whiteboard", session, participant, role, Duration.ofHours(12));
    }

    String uploaded(String ticket, int size) throws Exception {
        HttpResponse<byte[]> r = client.upload(ticket, browser.meta("f"), browser.file(size));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return json(r).get("id").asText();
    }

    void end(String session) {
        events.publish(new SessionEvent.Ended(session, scheduler.clock().instant()));
        scheduler.runDue();
    }

    @Test
    void aFileUploadedByTheDoctorIsListedAndDownloadedByThePatient() throws Exception {
        byte[] envelope = browser.file(700);
        String meta = browser.meta("Medikationsplan.pdf");
        HttpResponse<byte[]> up = client.upload(doctor, meta, envelope);
        assertThat(up.statusCode()).isEqualTo(201);
        JsonNode info = json(up);
        assertThat(info.get("size").asLong()).isEqualTo(700);
        assertThat(info.get("meta").asText()).isEqualTo(meta);
        assertThat(info.get("uploadedBy").asText()).isEqualTo("p_doc");

        HttpResponse<byte[]> list = client.list(guest);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode body = json(list);
        assertThat(body.get("files")).hasSize(1);
        assertThat(body.get("files").get(0).get("id").asText()).isEqualTo(info.get("id").asText());
        assertThat(body.get("limits").get("maxFileBytes").asLong()).isEqualTo(1000);
        assertThat(body.get("limits").get("maxSessionBytes").asLong()).isEqualTo(2500);
        assertThat(body.get("limits").get("maxFiles").asInt()).isEqualTo(4);
        assertThat(body.get("used").get("bytes").asLong()).isEqualTo(700);

        HttpResponse<byte[]> down = client.download(guest, info.get("id").asText());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(envelope);
        assertThat(down.headers().firstValue("X-Whiteboard-Meta")).contains(meta);
        assertThat(down.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(down.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(down.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<byte[]> head = client.send("HEAD", "/whiteboard/files/" + info.get("id").asText(), guest, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("X-Whiteboard-Meta")).contains(meta);
    }

    @Test
    void missingForgedOrForeignTicketsAreRefused() throws Exception {
        String id = uploaded(doctor, 10);
        assertThat(client.list(null).statusCode()).isEqualTo(401);
        assertThat(error(client.list(null))).isEqualTo("unauthorized");
        assertThat(client.download("v1.forged.ticket", id).statusCode()).isEqualTo(401);
        String statsTicket = tickets.issue("stats", "s_1", "p_doc", "doctor", Duration.ofHours(1));
        assertThat(client.list(statsTicket).statusCode()).isEqualTo(401);
        assertThat(client.upload(null, browser.meta("x"), browser.file(5)).statusCode()).isEqualTo(401);

        String foreign = ticket("s_2", "p_other", "doctor");
        HttpResponse<byte[]> notThere = client.download(foreign, id);
        assertThat(notThere.statusCode()).isEqualTo(404);
        assertThat(error(notThere)).isEqualTo("file_not_found");
        assertThat(json(client.list(foreign)).get("files")).isEmpty();
        assertThat(client.delete(foreign, id).statusCode()).isEqualTo(404);
        assertThat(client.download(doctor, id).statusCode()).isEqualTo(200);
    }

    @Test
    void afterTheSessionEndsEveryRequestAnswers410AndNothingRemains() throws Exception {
        String id = uploaded(doctor, 100);
        uploaded(guest, 100);
        String otherSession = ticket("s_2", "p_x", "doctor");
        String kept = uploaded(otherSession, 100);

        end("s_1");

        for (HttpResponse<byte[]> r : List.of(client.download(guest, id), client.list(doctor),
                client.upload(doctor, browser.meta("late"), browser.file(10)), client.delete(doctor, id))) {
            assertThat(r.statusCode()).isEqualTo(410);
            assertThat(error(r)).isEqualTo("session_ended");
        }
        assertThat(StoreInspection.heldSessions((InMemoryWhiteboardStore) service.store())).containsExactly(new SessionId("s_2"));
        assertThat(client.download(otherSession, kept).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedGuestIsRefusedTheDoctorIsNot() throws Exception {
        String id = uploaded(doctor, 10);
        events.publish(new SessionEvent.ParticipantRevoked("s_1", "p_guest", scheduler.clock().instant()));
        scheduler.runDue();
        HttpResponse<byte[]> r = client.download(guest, id);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("ticket_revoked");
        assertThat(client.download(doctor, id).statusCode()).isEqualTo(200);
    }

    @Test
    void theHardExpiryDeletesFilesWhenNoEndEventArrives() throws Exception {
        uploaded(doctor, 100);
        scheduler.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(StoreInspection.heldSessions((InMemoryWhiteboardStore) service.store())).isNotEmpty();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(StoreInspection.heldSessions((InMemoryWhiteboardStore) service.store())).isEmpty();
    }

    @Test
    void limitsAnswerWithTheirOwnCodes() throws Exception {
        HttpResponse<byte[]> tooLarge = client.upload(doctor, browser.meta("big"), browser.file(1001));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(error(tooLarge)).isEqualTo("too_large");
        uploaded(doctor, 1000);
        uploaded(doctor, 1000);
        HttpResponse<byte[]> full = client.upload(doctor, browser.meta("3"), browser.file(501));
        assertThat(full.statusCode()).isEqualTo(413);
        assertThat(error(full)).isEqualTo("session_full");
        uploaded(doctor, 500);
        uploaded(doctor, 0);
        HttpResponse<byte[]> tooMany = client.upload(doctor, browser.meta("5"), browser.file(0));
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(error(tooMany)).isEqualTo("too_many_files");
        assertThat(json(client.list(guest)).get("files")).hasSize(4);
    }

    @Test
    void malformedRequestsGet400AndTheServiceKeepsWorking() throws Exception {
        assertThat(error(client.upload(doctor, null, browser.file(10)))).isEqualTo("invalid_meta");
        assertThat(error(client.upload(doctor, "Befund.pdf", browser.file(10)))).isEqualTo("invalid_meta");
        HttpResponse<byte[]> garbage = client.upload(doctor, browser.meta("x"), "plain text, not encrypted".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(error(garbage)).isEqualTo("invalid_envelope");
        HttpResponse<byte[]> badId = client.download(doctor, "not*an*id");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(error(badId)).isEqualTo("invalid_file_id");
        HttpResponse<byte[]> unknown = client.download(doctor, "AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(client.send("PUT", "/whiteboard/files", doctor, null).statusCode()).isEqualTo(405);
        events.publish(new SessionEvent.Ended("not a session id!", scheduler.clock().instant()));
        scheduler.runDue();
        uploaded(doctor, 10);
    }

    @Test
    void errorsAreGermanByDefaultAndEnglishOnRequest() throws Exception {
        assertThat(json(client.send("GET", "/whiteboard/files", null, null)).get("message").asText()).contains("ungültig");
        assertThat(json(client.send("GET", "/whiteboard/files", null, "en-GB,en;q=0.8")).get("message").asText()).contains("invalid");
    }

    @Test
    void theUploaderOrTheDoctorRemovesAFile() throws Exception {
        String byGuest = uploaded(guest, 10);
        String other = ticket("s_1", "p_other", "guest");
        HttpResponse<byte[]> refused = client.delete(other, byGuest);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).isEqualTo("forbidden");
        assertThat(client.delete(doctor, byGuest).statusCode()).isEqualTo(204);
        assertThat(client.download(guest, byGuest).statusCode()).isEqualTo(404);
    }

    @Test
    void inconsistentSettingsAreConfigurationErrors() {
        for (Map<String, String> bad : List.of(Map.of("whiteboard-max-file-size", "200", "whiteboard-max-session-size", "100"),
                Map.of("whiteboard-max-files", "0"), Map.of("whiteboard-ttl", "0s"), Map.of("whiteboard-purge-interval", "0s"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WhiteboardService(
                    Settings.of(WhiteboardSettings.all(), bad), scheduler, new SimpleMeterRegistry(), events, tickets))
                    .as(bad.toString()).isInstanceOf(de.sprechzimmer.common.config.ConfigException.class);
        }
    }
}
