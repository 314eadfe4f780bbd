package de.sprechzimmer.whiteboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRevocationsTest extends RevocationsContract {

    @Override
    Revocations newRevocations() {
        return new InMemoryRevocations(clock, TTL);
    }

    @Test
    void revocationsAreRememberedForTheirTtlThenForgotten() {
        revocations.sessionEnded(s1);
        revocations.participantRevoked(s2, guest);
        clock.advance(TTL.minus(Duration.ofSeconds(1)));
        revocations.purge();
        assertThat(revocations.standing(s1, doctor)).isEqualTo(Standing.SESSION_ENDED);
        assertThat(revocations.standing(s2, guest)).isEqualTo(Standing.REVOKED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(revocations.standing(s1, doctor)).isEqualTo(Standing.ACTIVE);
        assertThat(((InMemoryRevocations) revocations).size()).isEqualTo(2);
        revocations.purge();
        assertThat(((InMemoryRevocations) revocations).size()).isZero();
    }
}
