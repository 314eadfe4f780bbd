package de.sprechzimmer.app;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.metrics.AdminServer;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.ExecutorScheduler;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.SignalingService;
import de.sprechzimmer.signaling.SignalingSettings;
import de.sprechzimmer.stats.StatsCollector;
import de.sprechzimmer.turn.TurnRelay;
import de.sprechzimmer.whiteboard.WhiteboardService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: every service in one process, one public HTTP port (REST, WebSocket, web client,
 * whiteboard, statistics), the TURN relay on its own ports, metrics and health on the admin port. In-memory
 * stores unless {@code redis-url} is set.
 */
final class Sprechzimmer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sprechzimmer.class);
    private static final List<Setting<String>> SHARED_SECRETS =
            List.of(CommonSettings.TURN_SECRET, CommonSettings.TICKET_SECRET, CommonSettings.PSEUDONYM_SECRET);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private int httpPort;
    private int adminPort;
    private TurnRelay.BoundPorts turnPorts;
    private boolean distributed;

    private Sprechzimmer() {
    }

    /** Starts everything on the given settings; on failure closes what was started and rethrows. */
    static Sprechzimmer start(Settings settings, PrintStream console) throws InterruptedException {
        Sprechzimmer app = new Sprechzimmer();
        try {
            app.boot(settings, console, new ExecutorScheduler(Clock.systemUTC(), "sprechzimmer-scheduler"));
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    private void boot(Settings given, PrintStream console, ExecutorScheduler scheduler) throws InterruptedException {
        opened.push(scheduler);
        Optional<RedisConnections> redis = given.optional(CommonSettings.REDIS_URL).map(RedisConnections::new);
        redis.ifPresent(opened::push);
        distributed = redis.isPresent();
        Settings s = withSecrets(given, distributed);

        PrometheusMeterRegistry registry = Metrics.newRegistry("sprechzimmer");
        ThreadPoolExecutor workers = workers(s);
        opened.push(workers::shutdownNow);
        SessionEvents events = redis.<SessionEvents>map(r -> {
            RedisSessionEvents e = new RedisSessionEvents(r);
            opened.push(e);
            return e;
        }).orElseGet(InMemorySessionEvents::new);
        SessionTickets tickets = new SessionTickets(s.get(CommonSettings.TICKET_SECRET), scheduler.clock());

        if (s.get(AppSettings.TURN_ENABLED)) {
            TurnRelay turn = new TurnRelay(s, registry, scheduler);
            opened.push(turn);
            turnPorts = turn.start();
            s = pointIceAtEmbeddedRelay(s, turnPorts);
        }

        StatsCollector stats = new StatsCollector(s, scheduler, registry, tickets, redis);
        opened.push(stats);
        WhiteboardService whiteboard = new WhiteboardService(s, scheduler, registry, events, tickets, redis.orElse(null));
        opened.push(whiteboard);
        SignalingService signaling = new SignalingService(s, scheduler, registry, events, tickets, stats.sink(),
                redis, workers);
        opened.push(signaling);

        Router router = new Router();
        signaling.routes(router);
        whiteboard.routes(router);
        stats.routes(router);
        HttpServer http = signaling.configure(HttpServer.builder().name("http")
                        .host(s.get(SignalingSettings.HTTP_HOST)).port(s.get(SignalingSettings.HTTP_PORT))
                        .router(router).blockingWorkers(workers)
                        .bodyLimit(WhiteboardService.PATH_PREFIX, whiteboard.bodyLimit())
                        .gate(WhiteboardService.PATH_PREFIX, whiteboard.gate()))
                .build();
        whiteboard.start();
        signaling.console(console).start();
        opened.push(http);
        httpPort = http.start().getPort();

        AdminServer admin = new AdminServer(s.get(CommonSettings.ADMIN_HOST), s.get(CommonSettings.ADMIN_PORT), registry)
                .check("whiteboard", whiteboard::ready)
                .check("stats", stats.ready());
        redis.ifPresent(r -> admin.check("redis", () -> "PONG".equals(r.strings().sync().ping())));
        opened.push(admin);
        adminPort = admin.start().getPort();
    }

    /**
     * Embedded: secrets shared between services in this one process may be random per start (nothing outlives
     * the process). Distributed: every node must agree, so they must be given.
     */
    static Settings withSecrets(Settings s, boolean distributed) {
        List<String> missing = new ArrayList<>();
        for (Setting<String> secret : SHARED_SECRETS) {
            if (s.optional(secret).isEmpty()) {
                if (distributed) {
                    missing.add(secret.flag() + " (" + secret.envName() + ")");
                } else {
                    s = s.with(secret, Tokens.random(), "random per start");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("With redis-url set, every node needs the same secrets: set " + String.join(", ", missing));
        }
        return s;
    }

    /** Unless the ICE settings were given, the signaling server hands out the ports the embedded relay bound. */
    static Settings pointIceAtEmbeddedRelay(Settings s, TurnRelay.BoundPorts ports) {
        if (!s.isGiven(SignalingSettings.ICE_TURN_PORT)) {
            s = s.with(SignalingSettings.ICE_TURN_PORT, ports.udp(), "embedded TURN relay");
        }
        if (!s.isGiven(SignalingSettings.ICE_TURNS_PORT) && ports.tls().isPresent()) {
            s = s.with(SignalingSettings.ICE_TURNS_PORT, ports.tls().getAsInt(), "embedded TURN relay");
        }
        return s;
    }

    private static ThreadPoolExecutor workers(Settings s) {
        int threads = Math.max(1, s.get(AppSettings.WORKER_THREADS));
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, s.get(AppSettings.WORKER_QUEUE))), r -> {
                    Thread t = new Thread(r, "worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    int httpPort() {
        return httpPort;
    }

    int adminPort() {
        return adminPort;
    }

    Optional<TurnRelay.BoundPorts> turnPorts() {
        return Optional.ofNullable(turnPorts);
    }

    boolean distributed() {
        return distributed;
    }

    /** Stops in reverse order of start: the HTTP server first, shared infrastructure last. */
    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
    }
}
