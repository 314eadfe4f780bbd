package de.sprechzimmer.turn.allocation;

import java.util.concurrent.atomic.AtomicInteger;

/** Live counts across all allocations, for the metrics gauges; updated as entries come and go. */
public final class AllocationCounters {

    final AtomicInteger allocations = new AtomicInteger();
    final AtomicInteger permissions = new AtomicInteger();
    final AtomicInteger channels = new AtomicInteger();

    public int allocations() {
        return allocations.get();
    }

    public int permissions() {
        return permissions.get();
    }

    public int channels() {
        return channels.get();
    }
}
