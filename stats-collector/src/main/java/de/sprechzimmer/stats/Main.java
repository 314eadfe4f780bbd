package de.sprechzimmer.stats;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.config.SettingsTable;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.metrics.AdminServer;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.net.NettyDefaults;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.ExecutorScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone statistics collector ({@code java -jar sprechzimmer-stats.jar}) for the distributed mode: its
 * own HTTP listener for {@code /stats/...} and an admin listener; with {@code --redis-url} it consumes the
 * events other services append to Redis and keeps them there.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        NettyDefaults.apply();
        List<Setting<?>> all = settings();
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Sprechzimmer statistics collector\n\n" + SettingsTable.help(all));
            return;
        }
        try {
            Running running = start(args, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stats-shutdown"));
            // The listeners' threads are daemons: the main thread keeps the process alive until it is stopped.
            running.stopped.await();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(StatsSettings.all());
        return all;
    }

    /** Starts everything; the returned handle stops it again (tests and the shutdown hook). */
    static Running start(String[] args, Map<String, String> env) throws InterruptedException {
        Settings settings = Settings.load(args, env, settings());
        String ticketSecret = settings.optional(CommonSettings.TICKET_SECRET).orElseThrow(() -> new ConfigException(
                "Setting --ticket-secret (SPRECHZIMMER_TICKET_SECRET) is required: the same secret as the signaling server's"));
        Clock clock = Clock.systemUTC();
        ExecutorScheduler scheduler = new ExecutorScheduler(clock, "stats-scheduler");
        PrometheusMeterRegistry registry = Metrics.newRegistry("stats-collector");
        Optional<RedisConnections> redis = settings.optional(CommonSettings.REDIS_URL).map(RedisConnections::new);
        if (redis.isEmpty()) {
            LOG.warn("no --redis-url: in-memory store, and no events arrive from other processes");
        }
        StatsCollector collector;
        try {
            collector = new StatsCollector(settings, scheduler, registry, new SessionTickets(ticketSecret, clock), redis);
        } catch (RuntimeException e) {
            scheduler.close();
            redis.ifPresent(RedisConnections::close);
            throw e;
        }
        Router router = new Router();
        collector.routes(router);
        HttpServer http = HttpServer.builder().name("stats").host(settings.get(StatsSettings.STATS_HOST))
                .port(settings.get(StatsSettings.STATS_PORT)).router(router).build();
        AdminServer admin = new AdminServer(settings.get(CommonSettings.ADMIN_HOST), settings.get(CommonSettings.ADMIN_PORT), registry)
                .check("store", collector.ready());
        Running running = new Running(http, admin, collector, scheduler, redis);
        try {
            InetSocketAddress httpAddress = http.start();
            InetSocketAddress adminAddress = admin.start();
            LOG.info("statistics collector listening on {} (admin {}), store {}", httpAddress, adminAddress,
                    redis.isPresent() ? "redis" : "in-memory");
            return running.bound(httpAddress.getPort(), adminAddress.getPort());
        } catch (InterruptedException | RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** A started collector. */
    static final class Running implements AutoCloseable {
        private final HttpServer http;
        private final AdminServer admin;
        private final StatsCollector collector;
        private final ExecutorScheduler scheduler;
        private final Optional<RedisConnections> redis;
        private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        int httpPort;
        int adminPort;

        Running(HttpServer http, AdminServer admin, StatsCollector collector, ExecutorScheduler scheduler, Optional<RedisConnections> redis) {
            this.http = http;
            this.admin = admin;
            this.collector = collector;
            this.scheduler = scheduler;
            this.redis = redis;
        }

        Running bound(int httpPort, int adminPort) {
            this.httpPort = httpPort;
            this.adminPort = adminPort;
            return this;
        }

        @Override
        public void close() {
            http.close();
            admin.close();
            collector.close();
            scheduler.close();
            redis.ifPresent(RedisConnections::close);
            stopped.countDown();
        }
    }
}
