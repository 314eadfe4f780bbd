package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.AllocationCounters;
import de.sprechzimmer.turn.auth.AuthFailure;
import de.sprechzimmer.turn.policy.AllocationQuota;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's meters. Labels hold kinds and reasons only, never addresses or usernames. Counts are read by function
 * counters, so counting costs no meter lookup: packets and bytes relayed (twice per relayed packet) in counters of
 * the thread that relays, an event loop, so without an atomic instruction; everything else in {@link LongAdder}s.
 */
public final class TurnMetrics {

    /** Direction of relayed traffic. */
    enum Direction {
        TO_PEER, TO_CLIENT
    }

    /** Why a packet was dropped instead of relayed. */
    enum Drop {
        NO_ALLOCATION, NO_PERMISSION, NO_CHANNEL, PEER_REFUSED, BANDWIDTH, MALFORMED, UNSENT
    }

    private final List<Relayed> relayedByThread = new CopyOnWriteArrayList<>();
    private final FastThreadLocal<Relayed> relayed = new FastThreadLocal<>() {
        @Override
        protected Relayed initialValue() {
            Relayed counts = new Relayed();
            relayedByThread.add(counts);
            return counts;
        }
    };
    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    private final Map<AuthFailure, LongAdder> authFailures = new EnumMap<>(AuthFailure.class);
    private final Map<String, LongAdder> quotaRefusals = new HashMap<>();
    private final LongAdder peerRefusals = new LongAdder();

    public TurnMetrics(MeterRegistry registry, AllocationCounters counters) {
        Gauge.builder("turn.allocations.active", counters, AllocationCounters::allocations)
                .description("Allocations alive now").register(registry);
        Gauge.builder("turn.permissions.active", counters, AllocationCounters::permissions)
                .description("Permissions alive now").register(registry);
        Gauge.builder("turn.channels.active", counters, AllocationCounters::channels)
                .description("Channel bindings alive now").register(registry);
        for (Direction d : Direction.values()) {
            String tag = d.name().toLowerCase(Locale.ROOT);
            int packets = Relayed.packets(d);
            FunctionCounter.builder("turn.relayed.packets", this, m -> m.relayedTotal(packets))
                    .description("Packets relayed").tag("direction", tag).register(registry);
            FunctionCounter.builder("turn.relayed.bytes", this, m -> m.relayedTotal(packets + 1))
                    .description("Application bytes relayed").tag("direction", tag).register(registry);
        }
        for (Drop d : Drop.values()) {
            drops.put(d, counter(registry, "turn.dropped.packets", "Packets dropped instead of relayed",
                    "reason", d.name().toLowerCase(Locale.ROOT)));
        }
        for (AuthFailure f : AuthFailure.values()) {
            authFailures.put(f, counter(registry, "turn.auth.failures", "Requests that failed authentication (challenge: first round trip)",
                    "reason", f.label()));
        }
        for (AllocationQuota.Refusal r : AllocationQuota.Refusal.values()) {
            String tag = r.name().toLowerCase(Locale.ROOT);
            quotaRefusals.put(tag, counter(registry, "turn.quota.refusals", "Allocations refused by a quota", "quota", tag));
        }
        quotaRefusals.put("ports", counter(registry, "turn.quota.refusals", "Allocations refused by a quota", "quota", "ports"));
        FunctionCounter.builder("turn.peer.refusals", peerRefusals, LongAdder::sum)
                .description("Requests refused because the peer address is forbidden (403)").register(registry);
    }

    private static LongAdder counter(MeterRegistry registry, String name, String description, String tagKey, String tagValue) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tag(tagKey, tagValue).register(registry);
        return adder;
    }

    void relayed(Direction direction, int length) {
        Relayed counts = relayed.get();
        int packets = Relayed.packets(direction);
        counts.add(packets, 1);
        counts.add(packets + 1, length);
    }

    private double relayedTotal(int index) {
        long sum = 0;
        for (Relayed counts : relayedByThread) {
            sum += counts.get(index);
        }
        return sum;
    }

    void dropped(Drop reason) {
        drops.get(reason).increment();
    }

    void authFailure(AuthFailure failure) {
        authFailures.get(failure).increment();
    }

    void quotaRefused(AllocationQuota.Refusal refusal) {
        quotaRefusals.get(refusal.name().toLowerCase(Locale.ROOT)).increment();
    }

    void portsExhausted() {
        quotaRefusals.get("ports").increment();
    }

    void peerRefused() {
        peerRefusals.increment();
    }

    /**
     * Packets and bytes relayed each way by one thread. Only that thread writes, so an increment needs no atomic
     * read-modify-write; opaque access lets a scrape on another thread read whole, recent values.
     */
    private static final class Relayed {
        private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

        /** Packets and bytes to the peer, packets and bytes to the client. */
        private final long[] counts = new long[4];

        static int packets(Direction direction) {
            return direction.ordinal() * 2;
        }

        void add(int index, long amount) {
            COUNT.setOpaque(counts, index, counts[index] + amount);
        }

        long get(int index) {
            return (long) COUNT.getOpaque(counts, index);
        }
    }
}
