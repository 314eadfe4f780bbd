package de.sprechzimmer.signaling;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.config.SettingsTable;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.metrics.AdminServer;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.net.NettyDefaults;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.time.ExecutorScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The signaling server on its own ({@code java -jar sprechzimmer-signaling.jar}), for the distributed mode. */
public final class Main {

    private static final List<Setting<String>> SHARED_SECRETS =
            List.of(CommonSettings.TURN_SECRET, CommonSettings.TICKET_SECRET, CommonSettings.PSEUDONYM_SECRET);

    private Main() {
    }

    public static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(SignalingSettings.all());
        return all;
    }

    public static void main(String[] args) throws Exception {
        NettyDefaults.apply();
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sprechzimmer-signaling-logback.xml");
        }
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Sprechzimmer signaling server. Settings (flag, environment variable):");
            System.out.print(SettingsTable.help(settings()));
            return;
        }
        Running running;
        try {
            running = start(args, System.getenv(), System.out);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "signaling-shutdown"));
        // Netty's threads are daemons: keep the process alive until it is stopped (the hook above cleans up).
        new CountDownLatch(1).await();
    }

    /**
     * Where statistics go: with Redis onto the stream the standalone statistics collector reads
     * (docs/statistics.md, "Where events go"); without, nowhere (a signaling server alone keeps no statistics).
     */
    static StatsSink statsSink(Optional<RedisConnections> redis) {
        return redis.<StatsSink>map(RedisStatsSink::new).orElse(StatsSink.NONE);
    }

    /** A started standalone server; {@link #close()} stops it. */
    public static final class Running implements AutoCloseable {
        private final List<AutoCloseable> parts;
        private final int httpPort;

        private Running(List<AutoCloseable> parts, int httpPort) {
            this.parts = parts;
            this.httpPort = httpPort;
        }

        public int httpPort() {
            return httpPort;
        }

        @Override
        public void close() {
            for (AutoCloseable c : parts) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest anyway
                }
            }
        }
    }

    /** Starts everything on the given flags and environment; throws {@link ConfigException} on bad settings. */
    public static Running start(String[] args, Map<String, String> env, PrintStream console) throws InterruptedException {
        Settings s = Settings.load(args, env, settings());
        Optional<RedisConnections> redis = s.optional(CommonSettings.REDIS_URL).map(RedisConnections::new);
        if (redis.isPresent()) {
            List<String> missing = SHARED_SECRETS.stream().filter(x -> s.optional(x).isEmpty())
                    .map(x -> x.flag() + " (" + x.envName() + ")").toList();
            if (!missing.isEmpty()) {
                redis.get().close();
                throw new ConfigException("With redis-url set, every node needs the same secrets: set " + String.join(", ", missing));
            }
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry("signaling");
        ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "signaling-scheduler");
        SessionEvents events = redis.<SessionEvents>map(RedisSessionEvents::new).orElseGet(InMemorySessionEvents::new);
        SessionTickets tickets = new SessionTickets(s.optional(CommonSettings.TICKET_SECRET).orElseGet(Tokens::random),
                scheduler.clock());
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "signaling-worker");
                    t.setDaemon(true);
                    return t;
                });
        SignalingService service = new SignalingService(s, scheduler, registry, events, tickets, statsSink(redis), redis, workers)
                .console(console);
        Router router = new Router();
        service.routes(router);
        HttpServer http = service.configure(HttpServer.builder().name("signaling")
                .host(s.get(SignalingSettings.HTTP_HOST)).port(s.get(SignalingSettings.HTTP_PORT))
                .router(router).blockingWorkers(workers)).build();
        AdminServer admin = new AdminServer(s.get(CommonSettings.ADMIN_HOST), s.get(CommonSettings.ADMIN_PORT), registry);
        redis.ifPresent(r -> admin.check("redis", () -> {
            try {
                return "PONG".equals(r.strings().async().ping().get(500, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                return false;
            }
        }));
        service.start();
        InetSocketAddress bound = http.start();
        admin.check("http", () -> true);
        admin.start();
        List<AutoCloseable> parts = new ArrayList<>(List.of(service, http, admin));
        if (events instanceof AutoCloseable c) {
            parts.add(c);
        }
        redis.ifPresent(parts::add);
        parts.add(scheduler);
        parts.add(workers::shutdownNow);
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
        console.println("Sprechzimmer signaling ready: http://" + host + ":" + bound.getPort()
                + "/  (Praxis: /praxis, admin: " + s.get(CommonSettings.ADMIN_HOST) + ":" + s.get(CommonSettings.ADMIN_PORT) + ")");
        return new Running(parts, bound.getPort());
    }
}
