package de.sprechzimmer.turn.server;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.turn.allocation.AllocationCounters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnMetricsTest {

    @Test
    void relayedPacketsAndBytesAreSummedOverEveryRelayingThread() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TurnMetrics metrics = new TurnMetrics(registry, new AllocationCounters());
        List<Thread> loops = new ArrayList<>();
        DefaultThreadFactory factory = new DefaultThreadFactory("turn-test"); // Netty's threads, as the event loops'
        for (int t = 0; t < 3; t++) {
            loops.add(factory.newThread(() -> {
                for (int i = 0; i < 1000; i++) {
                    metrics.relayed(TurnMetrics.Direction.TO_PEER, 170);
                    metrics.relayed(TurnMetrics.Direction.TO_CLIENT, 174);
                }
            }));
        }
        metrics.relayed(TurnMetrics.Direction.TO_CLIENT, 4); // and one from a plain thread
        for (Thread t : loops) {
            t.start();
        }
        for (Thread t : loops) {
            t.join();
        }

        assertThat(registry.get("turn.relayed.packets").tag("direction", "to_peer").functionCounter().count())
                .isEqualTo(3000.0);
        assertThat(registry.get("turn.relayed.bytes").tag("direction", "to_peer").functionCounter().count())
                .isEqualTo(3000.0 * 170);
        assertThat(registry.get("turn.relayed.packets").tag("direction", "to_client").functionCounter().count())
                .isEqualTo(3001.0);
        assertThat(registry.get("turn.relayed.bytes").tag("direction", "to_client").functionCounter().count())
                .isEqualTo(3000.0 * 174 + 4);
    }
}
