package de.sprechzimmer.turn.server;

import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.testing.FreePorts;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.turn.TurnRelay;
import de.sprechzimmer.turn.TurnSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A relay on loopback with a manual clock, for one test. */
public final class RelayFixture implements AutoCloseable {

    public static final String SECRET = "test-secret-for-the-turn-relay-0123";

    public final ManualScheduler scheduler;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final TurnRelay relay;
    public final TurnRelay.BoundPorts ports;

    public RelayFixture(Map<String, String> overrides) throws InterruptedException {
        this(overrides, new ManualScheduler());
    }

    /** With a scheduler whose clock starts where the test needs it (third-party clients read the real time). */
    public RelayFixture(Map<String, String> overrides, ManualScheduler scheduler) throws InterruptedException {
        this.scheduler = scheduler;
        Map<String, String> s = new HashMap<>();
        s.put("turn-listen-ip", "127.0.0.1");
        s.put("turn-port", String.valueOf(FreePorts.tcpAndUdp()));
        s.put("turn-secret", SECRET);
        s.put("turn-allowed-peers", "127.0.0.0/8");
        s.put("turn-threads", "2");
        s.putAll(overrides);
        s.values().removeIf(String::isEmpty);
        relay = new TurnRelay(Settings.of(TurnSettings.all(), s), registry, scheduler);
        ports = relay.start();
    }

    public RelayFixture() throws InterruptedException {
        this(Map.of());
    }

    public TurnCredentials.Credential credential(String id) {
        return new TurnCredentials(SECRET, scheduler.clock()).issue(id, Duration.ofHours(1));
    }

    public double meter(String name, String tagKey, String tagValue) {
        var search = registry.find(name);
        if (tagKey != null) {
            search = search.tag(tagKey, tagValue);
        }
        var counter = search.functionCounter();
        return counter != null ? counter.count() : search.gauge().value();
    }

    @Override
    public void close() {
        relay.close();
    }
}
