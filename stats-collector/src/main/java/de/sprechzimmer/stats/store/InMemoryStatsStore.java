package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The embedded default: per practice a time-ordered map; retention by cut-off on read and by {@link #purge()}. */
public final class InMemoryStatsStore implements StatsStore {

    /** Orders entries by time, then by arrival, so equal times never collide. */
    private record Key(long atMillis, long seq) {
        static final Comparator<Key> ORDER = Comparator.comparingLong(Key::atMillis).thenComparingLong(Key::seq);
    }

    private final Retention retention;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, ConcurrentSkipListMap<Key, StatsEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Key, IpRecord>> addresses = new ConcurrentHashMap<>();

    public InMemoryStatsStore(Retention retention) {
        this.retention = retention;
    }

    @Override
    public CompletableFuture<Void> append(List<StatsEvent> batch) {
        for (StatsEvent e : batch) {
            events.computeIfAbsent(e.practice(), p -> new ConcurrentSkipListMap<>(Key.ORDER))
                    .put(new Key(e.at().toEpochMilli(), sequence.incrementAndGet()), e);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> appendAddress(IpRecord r) {
        addresses.computeIfAbsent(r.practice(), p -> new ConcurrentSkipListMap<>(Key.ORDER))
                .put(new Key(r.at().toEpochMilli(), sequence.incrementAndGet()), r);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void scan(Query q, Consumer<StatsEvent> out) {
        ConcurrentSkipListMap<Key, StatsEvent> m = events.get(q.practice());
        if (m == null) {
            return;
        }
        for (StatsEvent e : window(m, q.from(), q.to(), retention.eventCutoff()).values()) {
            if (q.account().isEmpty() || q.account().get().equals(e.account())) {
                out.accept(e);
            }
        }
    }

    @Override
    public List<IpRecord> addresses(String practice, Instant from, Instant to) {
        ConcurrentSkipListMap<Key, IpRecord> m = addresses.get(practice);
        return m == null ? List.of() : new ArrayList<>(window(m, from, to, retention.addressCutoff()).values());
    }

    private static <V> NavigableMap<Key, V> window(ConcurrentSkipListMap<Key, V> m, Instant from, Instant to, Instant cutoff) {
        long lo = Math.max(from.toEpochMilli(), cutoff.toEpochMilli());
        long hi = to.toEpochMilli();
        if (lo >= hi) {
            return new ConcurrentSkipListMap<>(Key.ORDER);
        }
        return m.subMap(new Key(lo, Long.MIN_VALUE), true, new Key(hi, Long.MIN_VALUE), false);
    }

    @Override
    public Purged purge() {
        return new Purged(purge(events, retention.eventCutoff()), purge(addresses, retention.addressCutoff()));
    }

    private static <V> long purge(Map<String, ConcurrentSkipListMap<Key, V>> byPractice, Instant cutoff) {
        long n = 0;
        Key bound = new Key(cutoff.toEpochMilli(), Long.MIN_VALUE);
        for (Map.Entry<String, ConcurrentSkipListMap<Key, V>> e : byPractice.entrySet()) {
            NavigableMap<Key, V> old = e.getValue().headMap(bound, false);
            n += old.size();
            old.clear();
            // A practice with nothing left leaves no trace (its pseudonym included).
            byPractice.computeIfPresent(e.getKey(), (k, v) -> v.isEmpty() ? null : v);
        }
        return n;
    }

    @Override
    public long size() {
        return events.values().stream().mapToLong(Map::size).sum();
    }

    /** Address records held, expired or not (for tests). */
    long addressesHeld() {
        return addresses.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void close() {
        events.clear();
        addresses.clear();
    }
}
