package de.sprechzimmer.signaling;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.common.time.Scheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real signaling server on a free loopback port, driven by a {@link ManualScheduler}. */
final class TestServer implements AutoCloseable {

    static final String ADMIN = "dr.admin";
    static final String PASSWORD = "correct horse battery";
    static final String TURN_SECRET = "turn-secret-for-tests-0123456789";
    static final String TICKET_SECRET = "ticket-secret-for-tests-012345678";

    final ManualScheduler scheduler;
    final SignalingService service;
    final HttpServer http;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<StatsEvent> stats = new CopyOnWriteArrayList<>();
    final List<SessionEvent> sessionEvents = new CopyOnWriteArrayList<>();
    final SessionTickets tickets;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final ExecutorService workers = Executors.newFixedThreadPool(4);
    final int port;

    TestServer(ManualScheduler scheduler, Map<String, String> overrides, Optional<RedisConnections> redis,
               SessionEvents events) throws InterruptedException {
        this.scheduler = scheduler;
        Map<String, String> all = new HashMap<>(Map.of(
                "bootstrap-login", ADMIN, "bootstrap-password", PASSWORD,
                "turn-secret", TURN_SECRET, "ticket-secret", TICKET_SECRET,
                "pseudonym-secret", "pseudonym-secret-for-tests-01234",
                "http-host", "127.0.0.1", "http-port", "0"));
        all.putAll(overrides);
        Settings settings = Settings.of(Main.settings(), all);
        this.tickets = new SessionTickets(TICKET_SECRET, scheduler.clock());
        events.subscribe(sessionEvents::add);
        this.service = new SignalingService(settings, scheduler, registry, events, tickets, stats::add, redis, workers)
                .console(new PrintStream(console, true, StandardCharsets.UTF_8));
        Router router = new Router();
        service.routes(router);
        this.http = service.configure(HttpServer.builder().name("test-signaling").host("127.0.0.1").port(0)
                .ioThreads(2).router(router).blockingWorkers(workers)).build();
        service.start();
        this.port = http.start().getPort();
    }

    static TestServer start() throws InterruptedException {
        return new TestServer(new ManualScheduler(), Map.of(), Optional.empty(), new InMemorySessionEvents());
    }

    static TestServer start(Map<String, String> overrides) throws InterruptedException {
        return new TestServer(new ManualScheduler(), overrides, Optional.empty(), new InMemorySessionEvents());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String ws() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    Rest rest() {
        return new Rest(base());
    }

    Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        service.close();
        http.close();
        workers.shutdownNow();
    }
}
