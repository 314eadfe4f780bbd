package de.sprechzimmer.bench.whiteboard;

import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.whiteboard.access.Access;
import de.sprechzimmer.whiteboard.access.InMemoryRevocations;
import de.sprechzimmer.whiteboard.access.RedisRevocations;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.api.WhiteboardApi;
import de.sprechzimmer.whiteboard.board.BrowserEnvelope;
import de.sprechzimmer.whiteboard.board.Limits;
import de.sprechzimmer.whiteboard.board.Whiteboard;
import de.sprechzimmer.whiteboard.board.WhiteboardMetrics;
import de.sprechzimmer.whiteboard.crypto.AtRestCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.InMemoryWhiteboardStore;
import de.sprechzimmer.whiteboard.store.RedisWhiteboardStore;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One whiteboard node for the benchmarks, composed from the same parts and wired the same way as
 * {@code WhiteboardService} (store, revocations, Whiteboard, Access, WhiteboardApi on a common HttpServer, session
 * end through the scheduler), but with a choosable at-rest cipher and with its store in reach for measurements.
 */
final class BenchNode implements AutoCloseable {

    static final String TICKET_SECRET = "bench-ticket-secret-0123456789";
    /** Roomy limits: the benchmark measures throughput, not quota refusals. */
    static final Limits LIMITS = new Limits(25L * 1024 * 1024, 4L * 1024 * 1024 * 1024, 10_000);

    final WhiteboardStore store;
    final Whiteboard board;
    final SessionTickets tickets;
    final String base;
    private final HttpServer server;
    private final ExecutorService workers;
    private final AutoCloseable subscription;

    BenchNode(AtRestCipher cipher, RedisConnections redis, Scheduler scheduler, SessionEvents events) throws Exception {
        this.store = redis == null ? new InMemoryWhiteboardStore() : new RedisWhiteboardStore(redis, scheduler.clock());
        Revocations revocations = redis == null
                ? new InMemoryRevocations(scheduler.clock(), Duration.ofHours(24))
                : new RedisRevocations(redis, Duration.ofHours(24));
        this.board = new Whiteboard(store, cipher, new KeyWrap("bench-key-secret-0123456789"), revocations, LIMITS,
                Duration.ofHours(12), scheduler.clock(),
                new WhiteboardMetrics(new SimpleMeterRegistry()));
        this.tickets = new SessionTickets(TICKET_SECRET, scheduler.clock());
        Router router = new Router();
        new WhiteboardApi(board, new Access(tickets, revocations, scheduler.clock(), Duration.ofHours(24))).routes(router);
        int n = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "bench-whiteboard-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.builder().name("bench-whiteboard").host("127.0.0.1").port(0).router(router)
                .blockingWorkers(workers).bodyLimit(WhiteboardApi.PATH_PREFIX, LIMITS.maxFileBytes() + BrowserEnvelope.OVERHEAD)
                .build();
        this.base = "http://127.0.0.1:" + server.start().getPort();
        // As WhiteboardService.start(): each event is applied on the scheduler, off the bus's thread.
        this.subscription = events.subscribe(e -> scheduler.schedule(Duration.ZERO, () -> {
            if (e instanceof SessionEvent.Ended) {
                board.end(new SessionId(e.sessionId()));
            }
        }));
    }

    String ticket(String session, String participant) {
        return tickets.issue("whiteboard", session, participant, "doctor", Duration.ofHours(1));
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        server.close();
        workers.shutdownNow();
    }
}
