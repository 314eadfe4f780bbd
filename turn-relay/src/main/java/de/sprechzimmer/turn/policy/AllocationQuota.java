package de.sprechzimmer.turn.policy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Allocations per username and in total (coturn's user-quota and total-quota); over either: 486. Thread-safe. */
public final class AllocationQuota {

    /** Which limit refused an allocation, the metrics label {@code quota}. */
    public enum Refusal {
        USER, TOTAL
    }

    private final int perUser;
    private final int total;
    private final AtomicInteger inUse = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byUser = new ConcurrentHashMap<>();

    /** {@code 0} means no limit. */
    public AllocationQuota(int perUser, int total) {
        if (perUser < 0 || total < 0) {
            throw new IllegalArgumentException("quotas must not be negative");
        }
        this.perUser = perUser;
        this.total = total;
    }

    /** Takes one allocation for {@code username}; {@code null} when granted, else the limit that was reached. */
    public Refusal tryAcquire(String username) {
        if (inUse.incrementAndGet() > total && total > 0) {
            inUse.decrementAndGet();
            return Refusal.TOTAL;
        }
        boolean[] refused = {false};
        byUser.compute(username, (u, n) -> {
            int next = n == null ? 1 : n + 1;
            if (perUser > 0 && next > perUser) {
                refused[0] = true;
                return n;
            }
            return next;
        });
        if (refused[0]) {
            inUse.decrementAndGet();
            return Refusal.USER;
        }
        return null;
    }

    public void release(String username) {
        inUse.decrementAndGet();
        byUser.computeIfPresent(username, (u, n) -> n <= 1 ? null : n - 1);
    }

    public int inUse() {
        return inUse.get();
    }
}
