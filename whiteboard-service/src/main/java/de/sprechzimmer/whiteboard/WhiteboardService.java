package de.sprechzimmer.whiteboard;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.whiteboard.access.Access;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.access.InMemoryRevocations;
import de.sprechzimmer.whiteboard.access.RedisRevocations;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.api.WhiteboardApi;
import de.sprechzimmer.whiteboard.board.BrowserEnvelope;
import de.sprechzimmer.whiteboard.board.Limits;
import de.sprechzimmer.whiteboard.board.SessionFollower;
import de.sprechzimmer.whiteboard.board.Whiteboard;
import de.sprechzimmer.whiteboard.board.WhiteboardMetrics;
import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import de.sprechzimmer.whiteboard.store.InMemoryWhiteboardStore;
import de.sprechzimmer.whiteboard.store.RedisWhiteboardStore;
import de.sprechzimmer.whiteboard.store.StoreUnavailableException;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard service, composed: what the embedded app and the standalone {@link Main} wire in.
 * <pre>
 * WhiteboardService wb = new WhiteboardService(settings, scheduler, registry, events, tickets, redisOrNull);
 * wb.routes(router);
 * httpServerBuilder.bodyLimit(WhiteboardService.PATH_PREFIX, wb.bodyLimit());
 * wb.start();   // follows session events, runs the hard-expiry purge
 * ...
 * wb.close();
 * </pre>
 * {@code settings} must declare {@link WhiteboardSettings#all()}. Whiteboard use is not counted here: the
 * browser reports it through signaling (docs/whiteboard.md, "Statistics"), because only signaling knows the
 * session's account and practice.
 */
public final class WhiteboardService implements AutoCloseable {

    public static final String PATH_PREFIX = WhiteboardApi.PATH_PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardService.class);

    private final Scheduler scheduler;
    private final SessionEvents events;
    private final SessionTickets tickets;
    private final Duration purgeInterval;
    private final Whiteboard board;
    private final WhiteboardApi api;
    private final long bodyLimit;
    private final RedisConnections redis;
    private final WhiteboardStore store;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** Embedded, in-memory stores. */
    public WhiteboardService(Settings settings, Scheduler scheduler, MeterRegistry registry, SessionEvents events,
                             SessionTickets tickets) {
        this(settings, scheduler, registry, events, tickets, null);
    }

    /** @param redis the shared Redis (distributed mode), or {@code null} for in-memory stores */
    public WhiteboardService(Settings settings, Scheduler scheduler, MeterRegistry registry, SessionEvents events,
                             SessionTickets tickets, RedisConnections redis) {
        this.scheduler = scheduler;
        this.events = events;
        this.tickets = tickets;
        this.redis = redis;
        this.purgeInterval = settings.get(WhiteboardSettings.PURGE_INTERVAL);
        Duration ttl = settings.get(WhiteboardSettings.TTL);
        Duration revocationTtl = settings.get(WhiteboardSettings.REVOCATION_TTL);
        Limits limits = limits(settings);
        requirePositive(WhiteboardSettings.TTL, ttl);
        requirePositive(WhiteboardSettings.REVOCATION_TTL, revocationTtl);
        requirePositive(WhiteboardSettings.PURGE_INTERVAL, purgeInterval);
        this.store = redis == null ? new InMemoryWhiteboardStore() : new RedisWhiteboardStore(redis, scheduler.clock());
        Revocations revocations = redis == null
                ? new InMemoryRevocations(scheduler.clock(), revocationTtl)
                : new RedisRevocations(redis, revocationTtl);
        this.board = new Whiteboard(store, AesGcmCipher.INSTANCE, new KeyWrap(keySecret(settings, redis != null)),
                revocations, limits, ttl, scheduler.clock(), new WhiteboardMetrics(registry));
        this.api = new WhiteboardApi(board, new Access(tickets, revocations, scheduler.clock(), revocationTtl));
        this.bodyLimit = limits.maxFileBytes() + BrowserEnvelope.OVERHEAD;
    }

    private static Limits limits(Settings settings) {
        try {
            return new Limits(settings.get(WhiteboardSettings.MAX_FILE_SIZE),
                    settings.get(WhiteboardSettings.MAX_SESSION_SIZE), settings.get(WhiteboardSettings.MAX_FILES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Whiteboard limits: " + e.getMessage() + " (" + WhiteboardSettings.MAX_FILE_SIZE.flag()
                    + ", " + WhiteboardSettings.MAX_SESSION_SIZE.flag() + ", " + WhiteboardSettings.MAX_FILES.flag() + ")");
        }
    }

    private static void requirePositive(Setting<Duration> setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException("Setting " + setting.flag() + " must be a positive duration");
        }
    }

    private static String keySecret(Settings settings, boolean distributed) {
        Optional<String> secret = settings.optional(WhiteboardSettings.KEY_SECRET);
        if (secret.isEmpty() && distributed) {
            throw new ConfigException("Setting " + WhiteboardSettings.KEY_SECRET.flag() + " ("
                    + WhiteboardSettings.KEY_SECRET.envName() + ") is required with redis-url: every whiteboard node needs the same one");
        }
        // Embedded: the keys live only as long as this process, so a random secret per start loses nothing.
        return secret.orElseGet(Tokens::random);
    }

    /** The store, for tests that look below the API. */
    WhiteboardStore store() {
        return store;
    }

    /**
     * The check of a request's head for {@link #PATH_PREFIX}, for {@code HttpServer.Builder.gate}: a request
     * without a validly signed whiteboard ticket is refused before its body (up to the file size limit) is read.
     * Only the signature and expiry are checked here (cheap, no store); the handlers do the full check.
     */
    public java.util.function.Function<io.netty.handler.codec.http.HttpRequest, Optional<de.sprechzimmer.common.http.HttpError>> gate() {
        return request -> {
            String h = request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.AUTHORIZATION);
            boolean signed = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                    && tickets.verify(h.substring(7).trim(), Access.SCOPE).isPresent();
            String lang = request.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ACCEPT_LANGUAGE);
            boolean english = lang != null && lang.toLowerCase(java.util.Locale.ROOT).startsWith("en");
            return signed ? Optional.empty() : Optional.of(WhiteboardError.UNAUTHORIZED.toHttp(english));
        };
    }

    /** Adds the {@code /whiteboard/} routes. */
    public void routes(Router router) {
        api.routes(router);
    }

    /** The body limit to register for {@link #PATH_PREFIX}: the largest file plus the browser envelope. */
    public long bodyLimit() {
        return bodyLimit;
    }

    /** Follows session events and starts the hard-expiry purge job. */
    public synchronized void start() {
        running.add(events.subscribe(new SessionFollower(board, scheduler)));
        Scheduler.Cancellable purge = scheduler.scheduleAtFixedRate(purgeInterval, purgeInterval, this::purge);
        running.add(purge::cancel);
    }

    /** Readiness: the store answers (always, in memory). */
    public boolean ready() {
        if (redis == null) {
            return true;
        }
        try {
            // Readiness checks run on the admin event loop: never wait long for a hanging Redis.
            return "PONG".equals(redis.strings().async().ping().get(1, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    private void purge() {
        try {
            board.purgeExpired();
        } catch (StoreUnavailableException e) {
            LOG.warn("whiteboard purge skipped: store unavailable");
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing whiteboard service: {}", e.toString());
            }
        }
        running.clear();
    }
}
