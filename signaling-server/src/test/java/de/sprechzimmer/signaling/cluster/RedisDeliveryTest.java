package de.sprechzimmer.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.redis.RedisFixture;
import de.sprechzimmer.signaling.redis.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes (each with its own subscription) sharing one real redis-server. */
class RedisDeliveryTest extends DeliveryContract {

    private RedisDelivery home;
    private RedisDelivery away;
    private RedisConnections second;

    @BeforeEach
    void nodes() {
        home = new RedisDelivery(RedisFixture.fresh(), "home");
        second = new RedisConnections(RedisFixture.server().url());
        away = new RedisDelivery(second, "away");
    }

    @AfterEach
    void close() {
        home.close();
        away.close();
        second.close();
    }

    @Override
    Delivery home() {
        return home;
    }

    @Override
    Delivery away() {
        return away;
    }

    @Test
    void aNodeWhoseLeaseEndedIsTakenOverOnceWithTheParticipantsItStillHeld() throws Exception {
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        Duration lease = Duration.ofSeconds(30);
        ParticipantId held = ParticipantId.random();
        ParticipantId movedAway = ParticipantId.random();
        ParticipantId dropped = ParticipantId.random();
        RecordingSocket heldSocket = RecordingSocket.live("c1");
        RecordingSocket droppedSocket = RecordingSocket.live("c3");
        home.attach(held, heldSocket);
        home.attach(movedAway, RecordingSocket.live("c2"));
        home.attach(dropped, droppedSocket);
        assertThat(home.renewLease(t, lease)).isEqualTo(Delivery.Lease.NONE);
        assertThat(away.renewLease(t, lease)).isEqualTo(Delivery.Lease.NONE);
        away.attach(movedAway, RecordingSocket.live("c4")); // resumed on the other node
        home.detach(dropped, droppedSocket); // its socket went away normally
        assertThat(members("home")).containsExactly(held.value());
        assertThat(members("away")).containsExactly(movedAway.value());

        // home renews no more; within its lease nothing is taken over
        assertThat(away.renewLease(t.plus(lease), lease).orphans()).isEmpty();
        Delivery.Lease takeover = away.renewLease(t.plus(lease).plusMillis(1), lease);
        assertThat(takeover.orphans()).containsExactly(new Delivery.Orphan(held, "c1"));
        assertThat(members("home")).isEmpty();
        assertThat(away.renewLease(t.plus(lease).plusMillis(1), lease).orphans()).isEmpty();
        assertThat(takeover.lost()).isFalse();
        // a third node, or the same one again, finds nothing more
        try (RedisConnections third = new RedisConnections(RedisFixture.server().url())) {
            RedisDelivery other = new RedisDelivery(third, "third");
            assertThat(other.renewLease(t.plus(lease).plusMillis(2), lease).orphans()).isEmpty();
            other.close();
        }

        // home wakes up: its lease was taken over, so its sockets go (1001) for their clients to resume
        Delivery.Lease back = home.renewLease(t.plus(lease).plusSeconds(5), lease);
        assertThat(back.lost()).isTrue();
        assertThat(heldSocket.nextClose()).isEqualTo(1001);
        assertThat(home.renewLease(t.plus(lease).plusSeconds(15), lease).lost()).isFalse();
    }

    @Test
    void aParticipantLetGoLeavesTheMembersOfItsNode() {
        ParticipantId p = ParticipantId.random();
        home.attach(p, RecordingSocket.live("c1"));
        assertThat(members("home")).containsExactly(p.value());
        home.forget(p); // declined, left, session over: forgotten while the socket is still attached
        assertThat(members("home")).isEmpty();
    }

    /** The participants Redis counts as held by {@code node}. */
    private Set<String> members(String node) {
        return second.strings().sync().smembers(RedisKeys.nodeMembers(node));
    }
}
