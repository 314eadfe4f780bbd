package de.sprechzimmer.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SessionStore} must do; run on memory and on a real Redis. */
abstract class SessionStoreContract {

    final AccountId account = AccountId.random();
    SessionStore store;

    abstract SessionStore create();

    @BeforeEach
    void setUp() {
        store = create();
    }

    Session newSession() {
        Session s = new Session(SessionId.random(), account, PracticeId.random(), Instant.parse("2026-01-05T08:00:00Z"), List.of(), 0);
        store.create(s);
        return s;
    }

    static Member guest(String name) {
        return new Member(ParticipantId.random(), Role.GUEST, name);
    }

    @Test
    void membersJoinInOrderAndTheMeshLimitHolds() {
        Session s = newSession();
        assertThat(store.current(account)).contains(s.id());
        Member doctor = new Member(ParticipantId.random(), Role.DOCTOR, "Dr. Muster");
        assertThat(store.join(s.id(), doctor).outcome()).isEqualTo(SessionStore.JoinOutcome.JOINED);
        for (int i = 0; i < Session.MAX_GUESTS; i++) {
            assertThat(store.join(s.id(), guest("g" + i)).outcome()).isEqualTo(SessionStore.JoinOutcome.JOINED);
        }
        SessionStore.Join fourth = store.join(s.id(), guest("too many"));
        assertThat(fourth.outcome()).isEqualTo(SessionStore.JoinOutcome.FULL);
        Session now = store.get(s.id()).orElseThrow();
        assertThat(now.members()).hasSize(4).first().isEqualTo(doctor);
        assertThat(now.peakMembers()).isEqualTo(4);
        assertThat(store.join(s.id(), doctor).session().members()).hasSize(4);
        assertThat(store.join(SessionId.random(), doctor).outcome()).isEqualTo(SessionStore.JoinOutcome.NO_SESSION);
    }

    @Test
    void leavingKeepsTheOrderOfTheOthers() {
        Session s = newSession();
        Member a = guest("a");
        Member b = guest("b");
        Member c = guest("c");
        store.join(s.id(), a);
        store.join(s.id(), b);
        store.join(s.id(), c);
        Session after = store.leave(s.id(), b.id()).orElseThrow();
        assertThat(after.members()).containsExactly(a, c);
        assertThat(after.polite(c.id(), a.id())).isTrue();
        assertThat(after.peakMembers()).isEqualTo(3);
    }

    @Test
    void onlyOneDeleteWinsAndTheCurrentPointerGoes() {
        Session s = newSession();
        assertThat(store.delete(s.id())).isTrue();
        assertThat(store.delete(s.id())).isFalse();
        assertThat(store.get(s.id())).isEmpty();
        assertThat(store.current(account)).isEmpty();
        assertThat(store.leave(s.id(), ParticipantId.random())).isEmpty();
    }

    @Test
    void usageKeepsEveryGuestWhoJoinedAndWhatWasNotedOnce() {
        Session s = newSession();
        Member doctor = new Member(ParticipantId.random(), Role.DOCTOR, "Dr. Muster");
        Member a = guest("a");
        Member b = guest("b");
        store.join(s.id(), doctor);
        store.join(s.id(), a);
        store.leave(s.id(), a.id());
        store.join(s.id(), b);
        store.join(s.id(), b);
        store.note(s.id(), SessionUsage.feature(de.sprechzimmer.signaling.protocol.Feature.CHAT));
        store.note(s.id(), SessionUsage.feature(de.sprechzimmer.signaling.protocol.Feature.CHAT));
        store.note(s.id(), SessionUsage.path("p2p"));
        SessionUsage u = store.usage(s.id());
        assertThat(u.guests()).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(u.featureList()).isEqualTo("chat");
        assertThat(u.connection()).isEqualTo("p2p");
    }

    @Test
    void usageGoesWithTheSessionAndALateNoteLeavesNothing() {
        Session s = newSession();
        store.join(s.id(), guest("a"));
        store.note(s.id(), SessionUsage.path("relay"));
        store.delete(s.id());
        store.note(s.id(), SessionUsage.path("p2p"));
        assertThat(store.usage(s.id())).isEqualTo(SessionUsage.NONE);
        assertThat(store.usage(SessionId.random())).isEqualTo(SessionUsage.NONE);
    }
}
