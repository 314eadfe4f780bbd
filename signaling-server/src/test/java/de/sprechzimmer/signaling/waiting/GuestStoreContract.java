package de.sprechzimmer.signaling.waiting;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.RoomId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link GuestStore} must do; run on memory and on a real Redis. */
abstract class GuestStoreContract {

    final ManualClock clock = new ManualClock();
    final AccountId doctor = AccountId.random();
    GuestStore store;

    abstract GuestStore create(ManualClock clock);

    @BeforeEach
    void setUp() {
        store = create(clock);
    }

    Guest guest(String tokenHash) {
        return new Guest(ParticipantId.random(), doctor, PracticeId.random(), RoomId.random(), CodeId.random(), "Erika",
                tokenHash, clock.instant().plus(Duration.ofHours(1)), null, false, null);
    }

    @Test
    void guestsAreFoundByTokenHashUntilTheyExpire() {
        Guest g = guest("h1");
        store.put(g);
        assertThat(store.byTokenHash("h1", clock.instant())).contains(g);
        Guest admitted = g.admittedTo(SessionId.random()).asRevoked();
        store.put(admitted);
        assertThat(store.byId(g.id(), clock.instant())).contains(admitted);
        clock.advance(Duration.ofHours(1));
        assertThat(store.byTokenHash("h1", clock.instant())).isEmpty();
        assertThat(store.byId(g.id(), clock.instant())).isEmpty();
    }

    @Test
    void waitingListKeepsArrivalOrderAndOnlyOneDequeueWins() {
        Guest first = guest("a");
        Guest second = guest("b");
        store.enqueue(doctor, first.id(), clock.instant());
        clock.advance(Duration.ofSeconds(5));
        store.enqueue(doctor, second.id(), clock.instant());
        store.enqueue(doctor, first.id(), clock.instant());
        assertThat(store.waiting(doctor)).extracting(GuestStore.Waiting::guest).containsExactly(first.id(), second.id());
        assertThat(store.waiting(doctor).get(0).since()).isEqualTo(clock.instant().minus(Duration.ofSeconds(5)));
        assertThat(store.dequeue(doctor, first.id())).isTrue();
        assertThat(store.dequeue(doctor, first.id())).isFalse();
        assertThat(store.waiting(AccountId.random())).isEmpty();
        assertThat(store.waiting(doctor)).extracting(GuestStore.Waiting::guest).containsExactly(second.id());
    }
}
