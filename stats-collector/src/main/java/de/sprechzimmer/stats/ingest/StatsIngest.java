package de.sprechzimmer.stats.ingest;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.stats.event.EventType;
import de.sprechzimmer.stats.event.EventValidator;
import de.sprechzimmer.stats.event.InvalidEventException;
import de.sprechzimmer.stats.event.Rejection;
import de.sprechzimmer.stats.store.IpRecord;
import de.sprechzimmer.stats.store.StatsStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one way into the store: checks each event against the catalogue, moves an anonymised address (field
 * {@code ip}) into its own short-lived record, stores the rest, and counts what it accepted (label: event type)
 * and refused (label: reason). Labels never hold data, ids or pseudonyms.
 */
public final class StatsIngest implements StatsSink {

    private final EventValidator validator;
    private final StatsStore store;
    private final Map<EventType, Counter> accepted = new EnumMap<>(EventType.class);
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    private final Counter storeFailures;

    public StatsIngest(EventValidator validator, StatsStore store, MeterRegistry registry) {
        this.validator = validator;
        this.store = store;
        for (EventType t : EventType.values()) {
            accepted.put(t, Counter.builder("stats.events.accepted").tag("type", t.wire())
                    .description("Events checked and stored").register(registry));
        }
        for (Rejection r : Rejection.values()) {
            rejected.put(r, Counter.builder("stats.events.rejected").tag("reason", r.code())
                    .description("Events or reports refused, by reason").register(registry));
        }
        this.storeFailures = Counter.builder("stats.events.store.failures")
                .description("Checked events the store failed to take").register(registry);
    }

    /** {@link StatsSink}: never throws, never blocks on Redis; a refused event is counted and dropped. */
    @Override
    public void record(StatsEvent event) {
        submit(event);
    }

    /** Checks and stores one event; the reason when it is refused. */
    public Optional<Rejection> submit(StatsEvent event) {
        Batch b = new Batch();
        Optional<Rejection> r = b.add(event);
        b.store();
        return r;
    }

    /** Checks and stores many events at once (pipelined); completes when the accepted ones are stored. */
    public CompletableFuture<Void> submitAll(List<StatsEvent> events) {
        Batch b = new Batch();
        events.forEach(b::add);
        return b.store();
    }

    /** Counts an input that could not even be read as an event (broken stream entry, bad JSON). */
    public void countMalformed() {
        rejected.get(Rejection.MALFORMED).increment();
    }

    private final class Batch {
        final List<StatsEvent> events = new ArrayList<>();
        final List<IpRecord> addresses = new ArrayList<>();

        Optional<Rejection> add(StatsEvent raw) {
            StatsEvent e;
            try {
                e = validator.check(raw);
            } catch (InvalidEventException ex) {
                rejected.get(ex.reason()).increment();
                return Optional.of(ex.reason());
            }
            String ip = e.fields().get(StatsEvents.IP_FIELD);
            if (ip != null) {
                addresses.add(new IpRecord(e.at(), e.account(), e.practice(), ip));
                Map<String, String> rest = new HashMap<>(e.fields());
                rest.remove(StatsEvents.IP_FIELD);
                e = new StatsEvent(e.type(), e.at(), e.account(), e.practice(), rest);
            }
            events.add(e);
            accepted.get(EventType.of(e.type()).orElseThrow()).increment();
            return Optional.empty();
        }

        CompletableFuture<Void> store() {
            List<CompletableFuture<?>> all = new ArrayList<>();
            try {
                if (!events.isEmpty()) {
                    all.add(store.append(events));
                }
                for (IpRecord r : addresses) {
                    all.add(store.appendAddress(r));
                }
            } catch (RuntimeException ex) {
                all.add(CompletableFuture.failedFuture(ex));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, ex) -> {
                if (ex != null) {
                    storeFailures.increment(events.size() + addresses.size());
                }
            });
        }
    }
}
