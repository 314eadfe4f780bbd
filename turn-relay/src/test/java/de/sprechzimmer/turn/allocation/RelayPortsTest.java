package de.sprechzimmer.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayPortsTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void handsOutEachPortOnceUntilReleased() {
        RelayPorts ports = new RelayPorts(50000, 50003, clock);
        Set<Integer> got = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            got.add(ports.acquire(false).orElseThrow());
        }
        assertThat(got).containsExactlyInAnyOrder(50000, 50001, 50002, 50003);
        assertThat(ports.acquire(false)).isEmpty();
        ports.release(50002);
        assertThat(ports.acquire(false)).hasValue(50002);
    }

    @Test
    void evenPortWithReservationHoldsTheNextPortForThirtySeconds() {
        RelayPorts ports = new RelayPorts(50000, 50003, clock);
        int even = ports.acquireEvenWithReservation(42L).orElseThrow();
        assertThat(even % 2).isZero();
        assertThat(ports.claim(7L)).isEmpty();
        assertThat(ports.claim(42L)).hasValue(even + 1);
        assertThat(ports.claim(42L)).isEmpty();

        int second = ports.acquireEvenWithReservation(43L).orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        assertThat(ports.claim(43L)).isEmpty();
        ports.release(second);
        assertThat(ports.inUse()).isEqualTo(2);
    }
}
