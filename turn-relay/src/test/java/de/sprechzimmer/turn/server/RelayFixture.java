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
final class RelayFixture implements AutoCloseable {

    static final String SECRET = "test-secret-for-the-turn-relay-0123";

    final ManualScheduler scheduler = new ManualScheduler();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TurnRelay relay;
    final TurnRelay.BoundPorts ports;

    RelayFixture(Map<String, String> overrides) throws InterruptedException {
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

    RelayFixture() throws InterruptedException {
        this(Map.of());
    }

    TurnCredentials.Credential credential(String id) {
        return new TurnCredentials(SECRET, scheduler.clock()).issue(id, Duration.ofHours(1));
    }

    double meter(String name, String tagKey, String tagValue) {
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
