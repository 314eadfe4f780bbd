package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where checked, pseudonymised events and anonymised addresses live (in memory or in Redis). Every
 * implementation passes {@code StatsStoreContract}. Retention is part of the contract: nothing older than the
 * {@link Retention} cut-offs is ever returned, and {@link #purge()} deletes it for good.
 */
public interface StatsStore extends AutoCloseable {

    /** Stores checked events; the future completes when they are durable in the store. */
    CompletableFuture<Void> append(List<StatsEvent> events);

    /** Stores an anonymised address record (kept apart, shorter retention). */
    CompletableFuture<Void> appendAddress(IpRecord record);

    /**
     * Hands every matching event to {@code out}, oldest first, without holding them all in memory. Events older
     * than the retention cut-off are never handed out.
     */
    void scan(Query query, Consumer<StatsEvent> out);

    /** Address records of a practice in {@code [from, to)}, oldest first, never older than their cut-off. */
    List<IpRecord> addresses(String practice, Instant from, Instant to);

    /** Deletes events and addresses past their retention; returns how many events were deleted. */
    Purged purge();

    /** Events stored, all practices; for tests and operations (costs one call per stored day in Redis). */
    long size();

    /** Whether the store answers (readiness check). */
    boolean healthy();

    @Override
    void close();

    /** What one purge deleted. */
    record Purged(long events, long addresses) {
    }
}
