package de.sprechzimmer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.stats.export.CsvExport;
import de.sprechzimmer.stats.store.Query;
import de.sprechzimmer.stats.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsCollectorHttpTest {

    static final String TICKET_SECRET = "test-ticket-secret-0123456789";
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    final ManualClock clock = new ManualClock(NOW);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final SessionTickets tickets = new SessionTickets(TICKET_SECRET, clock);
    final TestEvents t = new TestEvents(clock);
    final HttpClient client = HttpClient.newHttpClient();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatsCollector collector;
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        List<de.sprechzimmer.common.config.Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(StatsSettings.all());
        Settings settings = Settings.of(all, Map.of("pseudonym-secret", TestEvents.PSEUDONYM_SECRET, "ticket-secret", TICKET_SECRET));
        collector = new StatsCollector(settings, scheduler, registry, tickets, Optional.empty());
        Router router = new Router();
        collector.routes(router);
        server = HttpServer.builder().host("127.0.0.1").port(0).router(router).build();
        base = "http://127.0.0.1:" + server.start().getPort();
        // February 2026 in two practices; the default period (last calendar month) covers it.
        for (int day = 1; day <= 28; day++) {
            Instant at = Instant.parse("2026-02-01T09:00:00Z").plus(Duration.ofDays(day - 1));
            collector.sink().record(t.consultation("doc-1", "praxis-1", at, 600, day % 4 == 0 ? "relay" : "p2p", "chat"));
            collector.sink().record(t.consultation("doc-2", "praxis-1", at.plusSeconds(60), 1200, "p2p", ""));
            collector.sink().record(t.consultation("doc-9", "praxis-2", at.plusSeconds(120), 300, "relay", ""));
        }
        collector.sink().record(t.sms("doc-1", "praxis-1", Instant.parse("2026-02-14T10:00:00Z")));
    }

    @AfterEach
    void stop() {
        server.close();
        collector.close();
    }

    String ticket(String practiceId, String accountId, String role) {
        return tickets.issue("stats", practiceId, accountId, role, Duration.ofMinutes(15));
    }

    HttpResponse<byte[]> get(String path, String ticket) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (ticket != null) {
            b.header("Authorization", "Bearer " + ticket);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String error(HttpResponse<byte[]> r) throws Exception {
        return Json.mapper().readTree(r.body()).get("error").asText();
    }

    @Test
    void aDoctorsCsvHoldsOnlyOwnEvents() throws Exception {
        HttpResponse<byte[]> r = get("/stats/export.csv", ticket("praxis-1", "doc-1", "doctor"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("text/csv; charset=utf-8");
        assertThat(r.headers().firstValue("content-disposition")).contains("attachment; filename=\"sprechzimmer-statistik-2026-02-01_2026-02-28.csv\"");
        assertThat(r.headers().firstValue("content-security-policy")).isPresent();
        List<StatsEvent> events = CsvExport.readEvents(new ByteArrayInputStream(r.body()));
        assertThat(events).hasSize(29);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.account()).isEqualTo(t.account("doc-1"));
            assertThat(e.practice()).isEqualTo(t.practice("praxis-1"));
        });
        assertThat(events.get(0).fields()).containsEntry("duration-s", "600").containsEntry("connection", "p2p");
    }

    @Test
    void anAdminsPracticeCsvHoldsThePracticeAndNothingElse() throws Exception {
        HttpResponse<byte[]> r = get("/stats/export.csv?scope=practice", ticket("praxis-1", "admin-1", "admin"));
        assertThat(r.statusCode()).isEqualTo(200);
        List<StatsEvent> events = CsvExport.readEvents(new ByteArrayInputStream(r.body()));
        assertThat(events).hasSize(57);
        assertThat(events).extracting(StatsEvent::account).containsOnly(t.account("doc-1"), t.account("doc-2"));
        assertThat(events).extracting(StatsEvent::practice).containsOnly(t.practice("praxis-1"));
        // The admin's own scope is the admin's own events: none here.
        HttpResponse<byte[]> own = get("/stats/export.csv?scope=own", ticket("praxis-1", "admin-1", "admin"));
        assertThat(CsvExport.readEvents(new ByteArrayInputStream(own.body()))).isEmpty();
    }

    @Test
    void guestsDoctorsAskingForThePracticeAndStrangersAreTurnedAway() throws Exception {
        assertThat(get("/stats/export.csv", null).statusCode()).isEqualTo(401);
        assertThat(get("/stats/export.pdf", "v1.forged.ticket").statusCode()).isEqualTo(401);
        String whiteboard = tickets.issue("whiteboard", "praxis-1", "doc-1", "doctor", Duration.ofMinutes(5));
        assertThat(get("/stats/summary", whiteboard).statusCode()).isEqualTo(401);
        for (String path : List.of("/stats/export.csv", "/stats/export.pdf", "/stats/summary")) {
            HttpResponse<byte[]> guest = get(path, ticket("praxis-1", "doc-1", "guest"));
            assertThat(guest.statusCode()).isEqualTo(403);
            assertThat(error(guest)).isEqualTo("forbidden");
        }
        HttpResponse<byte[]> doctorPractice = get("/stats/export.csv?scope=practice", ticket("praxis-1", "doc-1", "doctor"));
        assertThat(doctorPractice.statusCode()).isEqualTo(403);
        String expired = ticket("praxis-1", "doc-1", "doctor");
        clock.advance(Duration.ofMinutes(16));
        assertThat(get("/stats/export.csv", expired).statusCode()).isEqualTo(401);
    }

    @Test
    void badParametersGetClearErrors() throws Exception {
        String doc = ticket("praxis-1", "doc-1", "doctor");
        assertThat(error(get("/stats/export.csv?from=2026-13-01", doc))).isEqualTo("invalid_period");
        assertThat(error(get("/stats/export.csv?from=2026-02-10&to=2026-02-01", doc))).isEqualTo("invalid_period");
        assertThat(error(get("/stats/export.csv?from=2025-01-01&to=2026-02-01", doc))).isEqualTo("invalid_period");
        assertThat(error(get("/stats/export.csv?scope=everyone", doc))).isEqualTo("invalid_scope");
        assertThat(error(get("/stats/export.csv?rows=month", doc))).isEqualTo("invalid_rows");
        assertThat(error(get("/stats/export.pdf?lang=fr", doc))).isEqualTo("invalid_lang");
    }

    @Test
    void thePdfOpensWithTheTotalsAndTheExportIsRecorded() throws Exception {
        HttpResponse<byte[]> r = get("/stats/export.pdf?scope=practice&lang=de", ticket("praxis-1", "admin-1", "admin"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/pdf");
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            String text = new PDFTextStripper().getText(doc);
            // 28 days x 2 doctors; 28 x (600 + 1200) s = 14 h; 7 of 56 relayed.
            assertThat(text).containsPattern("Sprechstunden:\\s+56").containsPattern("Gesamtdauer:\\s+14:00:00 h")
                    .containsPattern("Durchschnittliche Dauer:\\s+0:15:00 h").containsPattern("Anteil \u00fcber Relay \\(TURN\\):\\s+12,5 % \\(7/56\\)")
                    .containsPattern("SMS versandt:\\s+1");
        }
        List<StatsEvent> recorded = new ArrayList<>();
        collector.store().scan(Query.account(t.practice("praxis-1"), t.account("admin-1"), NOW.minusSeconds(60), NOW.plusSeconds(60)), recorded::add);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StatsEvents.STATS_EXPORTED);
            assertThat(e.fields()).isEqualTo(Map.of("format", "pdf", "scope", "practice", "from", "2026-02-01", "to", "2026-03-01"));
        });
    }

    @Test
    void perDayCsvAndSummaryJsonAgree() throws Exception {
        String doc = ticket("praxis-1", "doc-1", "doctor");
        HttpResponse<byte[]> days = get("/stats/export.csv?rows=day&from=2026-02-01&to=2026-02-08", doc);
        List<String> lines = new String(days.body(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(4)).startsWith("2026-02-04,1,600,600,0,1,0,0,1,");
        JsonNode s = Json.mapper().readTree(get("/stats/summary?from=2026-02-01&to=2026-02-08", doc).body());
        assertThat(s.get("total").get("consultations").asLong()).isEqualTo(7);
        assertThat(s.get("total").get("connectionRelay").asLong()).isEqualTo(1);
        assertThat(s.get("days")).hasSize(7);
        assertThat(s.get("scope").asText()).isEqualTo("own");
    }

    @Test
    void aLargeCsvStreamsInChunks() throws Exception {
        List<StatsEvent> many = new ArrayList<>();
        Instant start = Instant.parse("2026-02-05T00:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            many.add(t.telemetry("doc-3", "praxis-1", start.plusMillis(i * 20L), "p2p"));
        }
        collector.ingest().submitAll(many).join();
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + "/stats/export.csv"))
                .header("Authorization", "Bearer " + ticket("praxis-1", "doc-3", "doctor")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("content-length")).isEmpty();
        assertThat(r.headers().firstValue("transfer-encoding")).contains("chunked");
        try (Stream<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body())).lines()) {
            assertThat(lines.count()).isEqualTo(100_001);
        }
    }

    @Test
    void aClientThatHangsUpMidExportFreesTheWorkerAndTheServerGoesOn() throws Exception {
        List<StatsEvent> many = new ArrayList<>();
        Instant start = Instant.parse("2026-02-06T00:00:00Z");
        for (int i = 0; i < 200_000; i++) {
            many.add(t.telemetry("doc-4", "praxis-1", start.plusMillis(i * 10L), "relay"));
        }
        collector.ingest().submitAll(many).join();
        String ticket = ticket("praxis-1", "doc-4", "doctor");
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        for (int round = 0; round < 3; round++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.getOutputStream().write(("GET /stats/export.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ticket + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] some = s.getInputStream().readNBytes(100_000);
                assertThat(new String(some, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
            }
        }
        // With two export workers, three abandoned exports must all have ended for this one to be served at once.
        HttpResponse<byte[]> after = client.send(HttpRequest.newBuilder(URI.create(base + "/stats/summary?from=2026-02-06&to=2026-02-07"))
                .header("Authorization", "Bearer " + ticket).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(after.body()).get("total").get("telemetryRelay").asLong()).isEqualTo(200_000);
    }
}
