package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.time.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link StatsStore#purge()} every {@code stats-purge-interval} on the injected scheduler, first right after
 * start: retention never depends on someone running a command. Each run is short (a few commands per expired
 * day), so it runs on the scheduler's own thread.
 */
public final class PurgeJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeJob.class);

    private final StatsStore store;
    private final Counter events;
    private final Counter addresses;
    private final Counter failures;
    private final Scheduler.Cancellable task;

    public PurgeJob(StatsStore store, Scheduler scheduler, Duration interval, MeterRegistry registry) {
        this.store = store;
        this.events = Counter.builder("stats.purged.events").description("Events deleted past retention").register(registry);
        this.addresses = Counter.builder("stats.purged.addresses").description("Anonymised addresses deleted past retention").register(registry);
        this.failures = Counter.builder("stats.purge.failures").description("Purge runs that failed (retried next interval)").register(registry);
        this.task = scheduler.scheduleAtFixedRate(Duration.ZERO, interval, this::run);
    }

    void run() {
        try {
            StatsStore.Purged p = store.purge();
            events.increment(p.events());
            addresses.increment(p.addresses());
            if (p.events() > 0 || p.addresses() > 0) {
                LOG.info("purged {} events and {} anonymised addresses past retention", p.events(), p.addresses());
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn("statistics purge failed, retrying next interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        task.cancel();
    }
}
