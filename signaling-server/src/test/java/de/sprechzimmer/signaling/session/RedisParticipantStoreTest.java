package de.sprechzimmer.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.signaling.redis.RedisFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedisParticipantStoreTest extends ParticipantStoreContract {
    @Override
    ParticipantStore create() {
        return new RedisParticipantStore(RedisFixture.fresh().strings().sync());
    }

    @Test
    void aLapsedParticipantIsClaimedByOneSweeperOnly() {
        try (RedisConnections second = new RedisConnections(RedisFixture.server().url())) {
            claimedOnce(new RedisParticipantStore(second.strings().sync()));
        }
    }

    private void claimedOnce(ParticipantStore otherNode) {
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        Participant lapsed = participant(Role.GUEST, "a").droppedUntil(t);
        store.put(lapsed);
        assertThat(otherNode.lapsed(t.plusSeconds(60), 10)).containsExactly(lapsed);
        assertThat(store.claimLapsed(lapsed.id())).isTrue();
        assertThat(otherNode.claimLapsed(lapsed.id())).isFalse();
        assertThat(store.lapsed(t.plusSeconds(60), 10)).isEmpty();

        Participant resumed = participant(Role.GUEST, "b").droppedUntil(t);
        store.put(resumed);
        store.put(resumed.connectedOn("praxis.example", "conn-2", "b2"));
        assertThat(otherNode.claimLapsed(resumed.id())).isFalse();
    }
}
