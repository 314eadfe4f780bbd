package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.AllocationCounters;
import de.sprechzimmer.turn.auth.AuthFailure;
import de.sprechzimmer.turn.policy.AllocationQuota;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The relay's meters. Labels hold kinds and reasons only, never addresses or usernames. Hot-path counts are
 * {@link LongAdder}s read by function counters, so relaying a packet costs no meter lookup.
 */
public final class TurnMetrics {

    /** Direction of relayed traffic. */
    enum Direction {
        TO_PEER, TO_CLIENT
    }

    /** Why a packet was dropped instead of relayed. */
    enum Drop {
        NO_ALLOCATION, NO_PERMISSION, NO_CHANNEL, PEER_REFUSED, BANDWIDTH, MALFORMED
    }

    private final Map<Direction, LongAdder> packets = new EnumMap<>(Direction.class);
    private final Map<Direction, LongAdder> bytes = new EnumMap<>(Direction.class);
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
            packets.put(d, counter(registry, "turn.relayed.packets", "Packets relayed", "direction", tag));
            bytes.put(d, counter(registry, "turn.relayed.bytes", "Application bytes relayed", "direction", tag));
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
        packets.get(direction).increment();
        bytes.get(direction).add(length);
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
}
