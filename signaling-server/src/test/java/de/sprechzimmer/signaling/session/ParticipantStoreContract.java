package de.sprechzimmer.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ParticipantStore} must do; run on memory and on a real Redis. */
abstract class ParticipantStoreContract {

    final AccountId account = AccountId.random();
    ParticipantStore store;

    abstract ParticipantStore create();

    @BeforeEach
    void setUp() {
        store = create();
    }

    Participant participant(Role role, String resumeHash) {
        return new Participant(ParticipantId.random(), role, account, PracticeId.random(), "Dr. Muster", "praxis.example",
                "conn-1", resumeHash, null, null);
    }

    @Test
    void aNewResumeHashReplacesTheOldOne() {
        Participant p = participant(Role.GUEST, "r1");
        store.put(p);
        assertThat(store.byResumeHash("r1")).contains(p);
        Participant moved = p.connectedOn("praxis.example", "conn-2", "r2");
        store.put(moved);
        assertThat(store.byResumeHash("r1")).isEmpty();
        assertThat(store.byResumeHash("r2")).contains(moved);
        Participant dropped = moved.droppedUntil(Instant.parse("2026-01-05T08:00:30Z")).inSession(SessionId.random());
        store.put(dropped);
        assertThat(store.get(p.id())).contains(dropped);
    }

    @Test
    void doctorsAreListedPerAccountUntilRemoved() {
        Participant d1 = participant(Role.DOCTOR, "a");
        Participant d2 = participant(Role.DOCTOR, "b");
        Participant g = participant(Role.GUEST, "c");
        store.put(d1);
        store.put(d2);
        store.put(g);
        assertThat(store.doctors(account)).containsExactlyInAnyOrder(d1.id(), d2.id());
        store.remove(d1.id());
        assertThat(store.doctors(account)).containsExactly(d2.id());
        assertThat(store.get(d1.id())).isEmpty();
        assertThat(store.byResumeHash("a")).isEmpty();
        assertThat(store.doctors(AccountId.random())).isEmpty();
    }

    @Test
    void lapsedListsDroppedParticipantsWhoseWindowEndedEarliestFirstUntilTheyReconnectOrGo() {
        Instant t = Instant.parse("2026-01-05T08:00:00Z");
        Participant connected = participant(Role.GUEST, "a");
        Participant early = participant(Role.GUEST, "b").droppedUntil(t.plusSeconds(10));
        Participant late = participant(Role.DOCTOR, "c").droppedUntil(t.plusSeconds(20));
        Participant within = participant(Role.GUEST, "d").droppedUntil(t.plusSeconds(40));
        store.put(connected);
        store.put(within);
        store.put(late);
        store.put(early);
        assertThat(store.lapsed(t.plusSeconds(30), 10)).containsExactly(early, late);
        assertThat(store.lapsed(t.plusSeconds(30), 1)).containsExactly(early);
        // the window's end itself is not past yet
        assertThat(store.lapsed(t.plusSeconds(10), 10)).isEmpty();

        store.put(early.connectedOn("praxis.example", "conn-2", "b2")); // resumed
        store.remove(late.id()); // let go
        assertThat(store.lapsed(t.plusSeconds(60), 10)).containsExactly(within);
    }
}
