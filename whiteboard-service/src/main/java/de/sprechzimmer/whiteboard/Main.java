package de.sprechzimmer.whiteboard;

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
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.ExecutorScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone whiteboard service ({@code java -jar sprechzimmer-whiteboard.jar}) for the distributed mode:
 * its own HTTP listener for {@code /whiteboard/}, the admin listener, Redis for store, revocations and session
 * events. Settings: {@link WhiteboardSettings} and {@link CommonSettings}; {@code --help} lists them.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        NettyDefaults.apply();
        List<Setting<?>> known = settings();
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Sprechzimmer whiteboard service. Settings (flag, environment variable, config-file key):");
            System.out.print(SettingsTable.help(known));
            return;
        }
        Running running;
        try {
            running = start(Settings.load(args, System.getenv(), known));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Every thread of the service is a daemon: main waits here until the shutdown hook has stopped it all.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "whiteboard-shutdown"));
        stopped.await();
    }

    static List<Setting<?>> settings() {
        List<Setting<?>> known = new ArrayList<>(WhiteboardSettings.all());
        known.addAll(CommonSettings.all());
        return known;
    }

    /** Starts everything; the handle stops it again in reverse order. */
    static Running start(Settings settings) throws InterruptedException {
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            String ticketSecret = settings.get(CommonSettings.TICKET_SECRET);
            ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "whiteboard-scheduler");
            parts.add(scheduler);
            PrometheusMeterRegistry registry = Metrics.newRegistry("whiteboard");
            RedisConnections redis = settings.optional(CommonSettings.REDIS_URL).map(RedisConnections::new).orElse(null);
            SessionEvents events;
            if (redis != null) {
                parts.add(redis);
                RedisSessionEvents redisEvents = new RedisSessionEvents(redis);
                parts.add(redisEvents);
                events = redisEvents;
            } else {
                LOG.warn("no redis-url: in-memory store, and no session events reach this process; only the hard expiry deletes files");
                events = new InMemorySessionEvents();
            }
            WhiteboardService service = new WhiteboardService(settings, scheduler, registry, events,
                    new SessionTickets(ticketSecret, scheduler.clock()), redis);
            parts.add(service);
            ThreadPoolExecutor workers = workers();
            parts.add(workers::shutdownNow);
            Router router = new Router();
            service.routes(router);
            HttpServer http = HttpServer.builder().name("whiteboard")
                    .host(settings.get(WhiteboardSettings.HOST)).port(settings.get(WhiteboardSettings.PORT))
                    .router(router).blockingWorkers(workers)
                    .bodyLimit(WhiteboardService.PATH_PREFIX, service.bodyLimit())
                    .gate(WhiteboardService.PATH_PREFIX, service.gate()).build();
            InetSocketAddress httpAddress = http.start();
            parts.add(http);
            AdminServer admin = new AdminServer(settings.get(CommonSettings.ADMIN_HOST), settings.get(CommonSettings.ADMIN_PORT), registry)
                    .check("store", service::ready);
            InetSocketAddress adminAddress = admin.start();
            parts.add(admin);
            service.start();
            LOG.info("whiteboard service listening on port {} (admin port {}), store: {}", httpAddress.getPort(),
                    adminAddress.getPort(), redis == null ? "in-memory" : "redis");
            return new Running(parts, httpAddress.getPort(), adminAddress.getPort());
        } catch (RuntimeException | InterruptedException e) {
            new Running(parts, 0, 0).close();
            throw e;
        }
    }

    /** Sealing and store calls run here, never on the event loop; a full queue answers 503 overloaded. */
    private static ThreadPoolExecutor workers() {
        int n = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "whiteboard-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A started service: its ports, and {@link #close()} to stop it. */
    record Running(List<AutoCloseable> parts, int httpPort, int adminPort) implements AutoCloseable {
        @Override
        public void close() {
            List<AutoCloseable> reversed = new ArrayList<>(parts);
            java.util.Collections.reverse(reversed);
            for (AutoCloseable c : reversed) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("stopping whiteboard service: {}", e.toString());
                }
            }
        }
    }
}
