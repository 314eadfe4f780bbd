package de.sprechzimmer.stats.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.stats.StatsCollector;
import de.sprechzimmer.stats.StatsSettings;
import de.sprechzimmer.stats.export.CsvExport;
import de.sprechzimmer.stats.store.RedisKeys;
import de.sprechzimmer.stats.testing.TestEvents;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Distributed mode end to end on a real redis-server: "signaling" appends with {@link RedisStatsSink}, the
 * collector consumes, checks, stores and exports; afterwards every key and value in Redis is searched for full
 * addresses and raw ids.
 */
class RedisEndToEndTest {

    static final String TICKET_SECRET = "test-ticket-secret-0123456789";
    static final List<String> FULL_ADDRESSES = List.of("203.0.113.77", "198.51.100.23", "2001:db8:1234:5678", "2001:0db8:1234:5678");
    static final List<String> RAW_IDS = List.of("doc-1", "praxis-1");

    RedisServerProcess redis;
    RedisConnections collectorSide;
    RedisConnections signalingSide;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final PrometheusMeterRegistry registry = Metrics.newRegistry("stats");
    final TestEvents t = new TestEvents(clock);
    StatsCollector collector;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        collectorSide = new RedisConnections(redis.url());
        signalingSide = new RedisConnections(redis.url());
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(StatsSettings.all());
        Settings settings = Settings.of(all, Map.of("pseudonym-secret", TestEvents.PSEUDONYM_SECRET,
                "ticket-secret", TICKET_SECRET, "redis-url", redis.url()));
        collector = new StatsCollector(settings, scheduler, registry, new SessionTickets(TICKET_SECRET, clock), Optional.of(collectorSide));
    }

    @AfterEach
    void stop() {
        collector.close();
        signalingSide.close();
        collectorSide.close();
        redis.close();
    }

    @Test
    void eventsFromAnotherProcessAreStoredWithoutAFullAddressOrRawIdAnywhereInRedis() throws Exception {
        RedisStatsSink sink = new RedisStatsSink(signalingSide);
        StatsEvents helper = t.helper();
        Instant now = clock.instant();
        sink.record(helper.of(StatsEvents.LOGIN, "doc-1", "praxis-1").at(now.minusSeconds(30)).field("role", "doctor")
                .field("browser", "firefox").field("browser-version", "128.0").clientAddress(InetAddress.getByName("203.0.113.77")).build());
        sink.record(helper.of(StatsEvents.LOGIN, "doc-1", "praxis-1").at(now.minusSeconds(20)).field("role", "guest")
                .clientAddress(InetAddress.getByName("2001:db8:1234:5678::9")).build());
        // A full address handed in by mistake, bypassing the helper's truncation.
        sink.record(new StatsEvent(StatsEvents.LOGIN, now.minusSeconds(10), t.account("doc-1"), t.practice("praxis-1"),
                Map.of("role", "doctor", "ip", "198.51.100.23")));
        sink.record(t.consultation("doc-1", "praxis-1", now.minusSeconds(5), 754, "relay", "chat"));
        // Refused: unknown type, and a raw id instead of a pseudonym.
        sink.record(new StatsEvent("consultation.exploded", now, t.account("doc-1"), t.practice("praxis-1"), Map.of()));
        sink.record(new StatsEvent(StatsEvents.CONTACT_ADDED, now, "doc-1", "praxis-1", Map.of()));
        // Not an event at all.
        signalingSide.strings().sync().xadd(RedisKeys.INGEST_STREAM, Map.of("garbage", "x"));

        await().atMost(Duration.ofSeconds(10)).until(() -> collector.store().size() == 4
                && registry.get("stats.events.rejected").tag("reason", "malformed").counter().count() == 1);
        assertThat(registry.get("stats.events.rejected").tag("reason", "unknown_type").counter().count()).isEqualTo(1);
        assertThat(registry.get("stats.events.rejected").tag("reason", "invalid_pseudonym").counter().count()).isEqualTo(1);
        assertThat(registry.get("stats.events.accepted").tag("type", "login").counter().count()).isEqualTo(3);
        assertThat(collector.store().addresses(t.practice("praxis-1"), now.minusSeconds(3600), now))
                .extracting(r -> r.prefix()).containsExactly("203.0.113.0", "2001:db8:1234::", "198.51.100.0");
        // Processed entries leave the ingest stream.
        await().atMost(Duration.ofSeconds(15)).until(() -> signalingSide.strings().sync().xlen(RedisKeys.INGEST_STREAM) == 0);

        // The doctor exports through HTTP; the CSV holds the consultation and no address.
        Router router = new Router();
        collector.routes(router);
        try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(router).build()) {
            int port = server.start().getPort();
            String ticket = new SessionTickets(TICKET_SECRET, clock).issue("stats", "praxis-1", "doc-1", "doctor", Duration.ofMinutes(5));
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/stats/export.csv?from=2026-03-01&to=2026-03-03"))
                    .header("Authorization", "Bearer " + ticket).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            List<StatsEvent> exported = CsvExport.readEvents(new ByteArrayInputStream(r.body()));
            assertThat(exported).extracting(StatsEvent::type).containsExactly("login", "login", "login", "consultation.ended");
            assertThat(exported.get(3).fields()).containsEntry("duration-s", "754").containsEntry("connection", "relay");
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("203.0.113", "198.51.100", "2001:db8");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> collector.store().size() == 5);

        String everything = dumpRedis();
        assertThat(everything).contains("203.0.113.0", "198.51.100.0", "2001:db8:1234::", t.account("doc-1"));
        for (String s : FULL_ADDRESSES) {
            assertThat(everything).doesNotContain(s);
        }
        for (String s : RAW_IDS) {
            assertThat(everything).doesNotContain(s);
        }
        String metrics = registry.scrape();
        assertThat(metrics).contains("stats_events_rejected_total{reason=\"malformed\"");
        assertThat(metrics).doesNotContain(t.account("doc-1"), t.practice("praxis-1"), "203.0.113", "198.51.100", "2001:db8");

        // Day 16: the anonymised addresses are gone from Redis, the events stay.
        scheduler.advance(Duration.ofDays(16));
        assertThat(collectorSide.strings().sync().keys("sz:stats:ip:*")).isEmpty();
        assertThat(dumpRedis()).doesNotContain("203.0.113.0", "198.51.100.0", "2001:db8:1234::");
        assertThat(collector.store().size()).isEqualTo(5);
    }

    /** Every key and every value in Redis, as text. */
    private String dumpRedis() {
        RedisCommands<String, String> r = collectorSide.strings().sync();
        StringBuilder sb = new StringBuilder();
        for (String key : r.keys("*")) {
            sb.append(key).append('\n');
            switch (r.type(key)) {
                case "string" -> sb.append(r.get(key));
                case "zset" -> r.zrangeWithScores(key, 0, -1).forEach(v -> sb.append(v.getValue()).append(' ').append(v.getScore()).append('\n'));
                case "stream" -> r.xrange(key, io.lettuce.core.Range.create("-", "+")).forEach(m -> sb.append(m.getBody()).append('\n'));
                case "hash" -> sb.append(r.hgetall(key));
                case "list" -> sb.append(r.lrange(key, 0, -1));
                case "set" -> sb.append(r.smembers(key));
                default -> sb.append("?type ").append(r.type(key));
            }
            sb.append('\n');
        }
        assertThat(sb).isNotEmpty();
        return sb.toString();
    }
}
