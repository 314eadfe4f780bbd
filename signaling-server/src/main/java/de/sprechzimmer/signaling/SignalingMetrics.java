package de.sprechzimmer.signaling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The signaling meters. Tags hold message types and outcomes only, never ids, names, codes or addresses. */
public final class SignalingMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<String, Counter> redeems = new ConcurrentHashMap<>();
    private final Map<String, Counter> logins = new ConcurrentHashMap<>();
    private final Timer relay;

    public SignalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("signaling.connections.open", open);
        this.relay = Timer.builder("signaling.relay.latency")
                .description("From a signal frame's arrival to its hand-off to the recipient's socket or node")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    /** {@code type} must be a protocol type name or {@code invalid}: a fixed, small set. */
    public void received(String type) {
        in.computeIfAbsent(type, t -> Counter.builder("signaling.messages.in").tag("type", t).register(registry)).increment();
    }

    public void sent(String type) {
        out.computeIfAbsent(type, t -> Counter.builder("signaling.messages.out").tag("type", t).register(registry)).increment();
    }

    public void relayed(long nanos) {
        relay.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** {@code outcome}: {@code ok} or a refusal code. */
    public void redeem(String outcome) {
        redeems.computeIfAbsent(outcome, o -> Counter.builder("signaling.redeem.attempts").tag("outcome", o).register(registry)).increment();
    }

    public void login(String outcome) {
        logins.computeIfAbsent(outcome, o -> Counter.builder("signaling.logins").tag("outcome", o).register(registry)).increment();
    }
}
