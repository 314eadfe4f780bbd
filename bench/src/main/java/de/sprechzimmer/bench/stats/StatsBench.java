package de.sprechzimmer.bench.stats;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.time.ExecutorScheduler;
import de.sprechzimmer.stats.StatsCollector;
import de.sprechzimmer.stats.StatsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Statistics load generator (not a test): against the redis-server given as the first argument it measures
 * (1) pipelined ingest into the Redis store through the collector's checked ingest, (2) the distributed path
 * (other services' {@link RedisStatsSink} into the ingest stream, drained by the collector), (3) CSV and PDF
 * export over HTTP of one practice with N events (default 1,000,000) in the window. Prints one line per figure.
 * Run through bench/stats/run.sh, which starts and stops its own redis-server.
 */
public final class StatsBench {

    private static final String TICKET_SECRET = "bench-ticket-secret-0123456789";
    private static final String PSEUDONYM_SECRET = "bench-pseudonym-secret-0123456789";

    private StatsBench() {
    }

    public static void main(String[] args) throws Exception {
        String redisUrl = args[0];
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int sinkEvents = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        Clock clock = Clock.systemUTC();
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(StatsSettings.all());
        Settings settings = Settings.of(all, Map.of("pseudonym-secret", PSEUDONYM_SECRET, "ticket-secret", TICKET_SECRET,
                "redis-url", redisUrl, "stats-export-max-days", "93"));
        SessionTickets tickets = new SessionTickets(TICKET_SECRET, clock);
        StatsEvents helper = new StatsEvents(new Pseudonymizer(PSEUDONYM_SECRET), clock);
        try (RedisConnections redis = new RedisConnections(redisUrl);
             RedisConnections signaling = new RedisConnections(redisUrl);
             ExecutorScheduler scheduler = new ExecutorScheduler(clock, "bench-scheduler");
             StatsCollector collector = new StatsCollector(settings, scheduler, new SimpleMeterRegistry(), tickets, Optional.of(redis))) {
            Instant now = clock.instant();
            Generator practice = new Generator(helper, "praxis-bench", now);

            // 1. Checked, pipelined ingest into the Redis store, in batches of 1000 as the stream consumer hands
            //    them over, up to 8 batches in flight.
            int batch = 1000;
            java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> inFlight = new java.util.ArrayDeque<>();
            Cpu cpu0 = Cpu.now(redis);
            long t0 = System.nanoTime();
            for (int done = 0; done < events; done += batch) {
                List<StatsEvent> list = new ArrayList<>(batch);
                for (int i = 0; i < batch && done + i < events; i++) {
                    list.add(practice.next());
                }
                inFlight.add(collector.ingest().submitAll(list));
                if (inFlight.size() >= 8) {
                    inFlight.poll().join();
                }
            }
            inFlight.forEach(java.util.concurrent.CompletableFuture::join);
            double ingestS = (System.nanoTime() - t0) / 1e9;
            Cpu cpu1 = Cpu.now(redis);
            System.out.printf("ingest.store  events=%d seconds=%.2f events_per_s=%.0f jvm_cpu_s=%.2f redis_cpu_s=%.2f%n", events, ingestS,
                    events / ingestS, cpu1.jvm - cpu0.jvm, cpu1.redis - cpu0.redis);

            // 2. Distributed path: RedisStatsSink (XADD, async) then the collector drains the stream into the store.
            RedisStatsSink sink = new RedisStatsSink(signaling);
            Generator other = new Generator(helper, "praxis-sink", now);
            long before = collector.store().size();
            Cpu cpu2 = Cpu.now(redis);
            long t1 = System.nanoTime();
            for (int i = 0; i < sinkEvents; i++) {
                sink.record(other.next());
            }
            signaling.strings().sync().ping();
            double sinkS = (System.nanoTime() - t1) / 1e9;
            while (signaling.strings().sync().xlen(RedisStatsSink.STREAM) > 0 || collector.store().size() < before + sinkEvents) {
                Thread.sleep(20);
            }
            double drainedS = (System.nanoTime() - t1) / 1e9;
            Cpu cpu3 = Cpu.now(redis);
            System.out.printf("ingest.sink   events=%d append_seconds=%.2f append_events_per_s=%.0f stored_seconds=%.2f end_to_end_events_per_s=%.0f dropped=%d jvm_cpu_s=%.2f redis_cpu_s=%.2f%n",
                    sinkEvents, sinkS, sinkEvents / sinkS, drainedS, sinkEvents / drainedS, sink.dropped(), cpu3.jvm - cpu2.jvm, cpu3.redis - cpu2.redis);

            // 3. Exports over HTTP, as the admin of the practice with `events` events in the window.
            Router router = new Router();
            collector.routes(router);
            try (HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(router).build()) {
                int port = server.start().getPort();
                String ticket = tickets.issue("stats", "praxis-bench", "admin-bench", "admin", Duration.ofHours(1));
                ZoneId zone = settings.get(StatsSettings.STATS_TIME_ZONE);
                LocalDate to = LocalDate.ofInstant(now, zone).plusDays(1);
                String query = "?scope=practice&from=" + to.minusDays(32) + "&to=" + to;
                HttpClient client = HttpClient.newHttpClient();
                for (int round = 1; round <= 3; round++) {
                    for (String path : List.of("/stats/export.csv" + query, "/stats/export.csv" + query + "&rows=day", "/stats/export.pdf" + query)) {
                        Cpu c0 = Cpu.now(redis);
                        long t2 = System.nanoTime();
                        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + ticket).build(), HttpResponse.BodyHandlers.ofInputStream());
                        long bytes = 0;
                        long lines = 0;
                        byte[] buf = new byte[65536];
                        try (InputStream in = r.body()) {
                            for (int n; (n = in.read(buf)) > 0; ) {
                                bytes += n;
                                for (int i = 0; i < n; i++) {
                                    if (buf[i] == '\n') {
                                        lines++;
                                    }
                                }
                            }
                        }
                        double s = (System.nanoTime() - t2) / 1e9;
                        String kind = path.contains(".pdf") ? "pdf" : path.contains("rows=day") ? "csv.days" : "csv.events";
                        Cpu c1 = Cpu.now(redis);
                        System.out.printf("export.%-10s round=%d status=%d seconds=%.2f bytes=%d csv_lines=%d jvm_cpu_s=%.2f redis_cpu_s=%.2f%n", kind, round,
                                r.statusCode(), s, bytes, kind.equals("pdf") ? 0 : lines, c1.jvm - c0.jvm, c1.redis - c0.redis);
                    }
                }
            }
        }
    }

    /**
     * CPU seconds used so far by this JVM and by redis-server: on a shared machine wall time depends on what else
     * runs, CPU time much less.
     */
    private record Cpu(double jvm, double redis) {
        static Cpu now(RedisConnections redis) {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            double r = 0;
            for (String line : redis.strings().sync().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    r += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new Cpu(jvm, r);
        }
    }

    private static final String[] PATHS = {"p2p", "p2p", "p2p", "relay"};

    /**
     * A realistic mix over the last 30 days from 20 doctors: consultations, telemetry, logins and SMS. The
     * pseudonyms are made once up front: at the source (signaling) they cost one HMAC per event there, not here.
     */
    private static final class Generator {
        private final String practice;
        private final String[] accounts = new String[20];
        private final SplittableRandom random = new SplittableRandom(42);
        private final Instant now;

        Generator(StatsEvents helper, String practiceId, Instant now) {
            this.practice = helper.practice(practiceId);
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = helper.account("doc-" + i);
            }
            this.now = now;
        }

        StatsEvent next() {
            Instant at = now.minusMillis(random.nextLong(Duration.ofDays(30).toMillis()));
            String account = accounts[random.nextInt(accounts.length)];
            int kind = random.nextInt(10);
            Map<String, String> f;
            String type;
            if (kind < 4) {
                type = StatsEvents.CONSULTATION_ENDED;
                f = Map.of("duration-s", Integer.toString(60 + random.nextInt(3000)), "doctors", "1",
                        "guests", Integer.toString(1 + random.nextInt(2)), "features", random.nextBoolean() ? "chat" : "chat,screen-sharing",
                        "connection", PATHS[random.nextInt(4)]);
            } else if (kind < 8) {
                type = StatsEvents.TELEMETRY;
                f = Map.of("media", "audio-video", "path", PATHS[random.nextInt(4)], "protocol", "udp", "port", "3478",
                        "bitrate-kbps", Integer.toString(random.nextInt(4000)), "network", "wifi", "role", "doctor");
            } else if (kind < 9) {
                type = StatsEvents.LOGIN;
                f = Map.of("role", "doctor", "browser", "firefox", "browser-version", "128.0", "os", "linux", "domain", "praxis.example");
            } else {
                type = StatsEvents.SMS_SENT;
                f = Map.of("country", "DE", "reason", "access-code");
            }
            return new StatsEvent(type, at, account, practice, f);
        }
    }
}
