package de.sprechzimmer.stats;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.stats.event.EventValidator;
import de.sprechzimmer.stats.http.StatsRoutes;
import de.sprechzimmer.stats.ingest.RedisIngestConsumer;
import de.sprechzimmer.stats.ingest.StatsIngest;
import de.sprechzimmer.stats.store.InMemoryStatsStore;
import de.sprechzimmer.stats.store.PurgeJob;
import de.sprechzimmer.stats.store.RedisStatsStore;
import de.sprechzimmer.stats.store.Retention;
import de.sprechzimmer.stats.store.StatsStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The statistics collector as one part: the embedded app and the standalone {@link Main} build it and wire it.
 * It owns the store (Redis when {@code redis} is given, else in memory), the purge job on the given scheduler,
 * the export pool and, with Redis, the consumer of other services' events.
 *
 * <ul>
 *   <li>{@link #sink()}: hand this {@link StatsSink} to services in the same process (signaling);</li>
 *   <li>{@link #routes(Router)}: adds {@code GET /stats/export.csv}, {@code /stats/export.pdf}, {@code /stats/summary};</li>
 *   <li>{@link #ready()}: a readiness check for the admin server;</li>
 *   <li>{@link #close()}: stops the purge job, the consumer and the pool. The Redis connections stay the caller's.</li>
 * </ul>
 */
public final class StatsCollector implements AutoCloseable {

    private final StatsStore store;
    private final StatsIngest ingest;
    private final PurgeJob purge;
    private final ThreadPoolExecutor exports;
    private final StatsRoutes routes;
    private final RedisIngestConsumer consumer;

    /**
     * @param settings  resolved {@link CommonSettings#all()} and {@link StatsSettings#all()}; needs
     *                  {@code pseudonym-secret}
     * @param scheduler clock and timer for retention (tests pass a manual one)
     * @param registry  where the collector's meters go (labels: event type, reason, format; never data)
     * @param tickets   checks the {@code stats} tickets signaling issues (secret {@code ticket-secret})
     * @param redis     shared Redis connections, or empty for the in-memory store (embedded default)
     */
    public StatsCollector(Settings settings, Scheduler scheduler, MeterRegistry registry, SessionTickets tickets,
                          Optional<RedisConnections> redis) {
        String secret = settings.optional(CommonSettings.PSEUDONYM_SECRET)
                .orElseThrow(() -> new ConfigException("Setting --pseudonym-secret (SPRECHZIMMER_PSEUDONYM_SECRET) is required by the statistics collector"));
        Pseudonymizer pseudonymizer = new Pseudonymizer(secret);
        Retention retention = new Retention(scheduler.clock(), settings.get(StatsSettings.STATS_RETENTION),
                settings.get(StatsSettings.STATS_IP_RETENTION));
        this.store = redis.<StatsStore>map(r -> new RedisStatsStore(r, retention)).orElseGet(() -> new InMemoryStatsStore(retention));
        this.ingest = new StatsIngest(new EventValidator(scheduler.clock(), retention.events()), store, registry);
        this.purge = new PurgeJob(store, scheduler, settings.get(StatsSettings.STATS_PURGE_INTERVAL), registry);
        int concurrency = Math.max(1, settings.get(StatsSettings.STATS_EXPORT_CONCURRENCY));
        AtomicInteger n = new AtomicInteger();
        this.exports = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency * 4), r -> {
                    Thread t = new Thread(r, "stats-export-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.routes = new StatsRoutes(store, ingest, tickets, pseudonymizer, scheduler.clock(),
                settings.get(StatsSettings.STATS_TIME_ZONE), settings.get(StatsSettings.STATS_EXPORT_MAX_DAYS), exports, registry);
        this.consumer = redis.map(r -> new RedisIngestConsumer(r, ingest)).orElse(null);
    }

    /** The sink for services in this process: checks, counts and stores; never blocks on Redis, never throws. */
    public StatsSink sink() {
        return ingest;
    }

    /** The same ingest with a result per event, for callers that answer a client (e.g. a telemetry report). */
    public StatsIngest ingest() {
        return ingest;
    }

    public void routes(Router router) {
        routes.addTo(router);
    }

    public BooleanSupplier ready() {
        return store::healthy;
    }

    /** The store, for operations and tests. */
    public StatsStore store() {
        return store;
    }

    @Override
    public void close() {
        purge.close();
        if (consumer != null) {
            consumer.close();
        }
        exports.shutdownNow();
        store.close();
    }
}
