package de.sprechzimmer.signaling.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedeemLimiterTest {

    final ManualClock clock = new ManualClock();

    @Test
    void tenAttemptsAMinutePerAddressThenOneEverySixSeconds() throws Exception {
        RedeemLimiter l = new RedeemLimiter(10, 100, clock);
        InetAddress a = InetAddress.getByName("203.0.113.7");
        InetAddress b = InetAddress.getByName("203.0.113.8");
        for (int i = 0; i < 10; i++) {
            assertThat(l.attempt(a)).isEmpty();
        }
        assertThat(l.attempt(a)).contains(Duration.ofSeconds(6));
        assertThat(l.attempt(b)).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(l.attempt(a)).isEmpty();
        assertThat(l.attempt(a)).isPresent();
    }

    @Test
    void theGlobalCapHoldsAcrossAddresses() throws Exception {
        RedeemLimiter l = new RedeemLimiter(10, 100, clock);
        int allowed = 0;
        for (int i = 0; i < 150; i++) {
            if (l.attempt(InetAddress.getByName("198.51.100." + (i % 250))).isEmpty()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(100);
        clock.advance(Duration.ofMillis(100));
        assertThat(l.attempt(InetAddress.getByName("192.0.2.1"))).isEmpty();
    }

    @Test
    void addressesAreForgottenOnceTheirBucketIsFullAgain() throws Exception {
        RedeemLimiter l = new RedeemLimiter(10, 100, clock);
        l.attempt(InetAddress.getByName("203.0.113.7"));
        l.sweep();
        assertThat(l.trackedAddresses()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(6));
        l.sweep();
        assertThat(l.trackedAddresses()).isZero();
    }
}
