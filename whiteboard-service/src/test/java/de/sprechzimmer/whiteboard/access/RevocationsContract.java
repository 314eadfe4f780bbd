package de.sprechzimmer.whiteboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Revocations} must do; run in memory and on a real Redis. */
abstract class RevocationsContract {

    static final Duration TTL = Duration.ofHours(24);
    final ManualClock clock = new ManualClock();
    final SessionId s1 = new SessionId("s_one");
    final SessionId s2 = new SessionId("s_two");
    final ParticipantId doctor = new ParticipantId("p_doc");
    final ParticipantId guest = new ParticipantId("p_guest");
    Revocations revocations;

    abstract Revocations newRevocations();

    @BeforeEach
    void create() {
        revocations = newRevocations();
    }

    @Test
    void everyoneIsActiveUntilSomethingIsRevoked() {
        assertThat(revocations.standing(s1, doctor)).isEqualTo(Standing.ACTIVE);
    }

    @Test
    void anEndedSessionEndsItForEveryParticipantAndOnlyThatSession() {
        revocations.sessionEnded(s1);
        assertThat(revocations.standing(s1, doctor)).isEqualTo(Standing.SESSION_ENDED);
        assertThat(revocations.standing(s1, guest)).isEqualTo(Standing.SESSION_ENDED);
        assertThat(revocations.standing(s2, guest)).isEqualTo(Standing.ACTIVE);
    }

    @Test
    void aRevokedParticipantLosesAccessOthersKeepIt() {
        revocations.participantRevoked(s1, guest);
        assertThat(revocations.standing(s1, guest)).isEqualTo(Standing.REVOKED);
        assertThat(revocations.standing(s1, doctor)).isEqualTo(Standing.ACTIVE);
        assertThat(revocations.standing(s2, guest)).isEqualTo(Standing.ACTIVE);
    }

    @Test
    void anEndedSessionWinsOverARevokedParticipant() {
        revocations.participantRevoked(s1, guest);
        revocations.sessionEnded(s1);
        assertThat(revocations.standing(s1, guest)).isEqualTo(Standing.SESSION_ENDED);
    }
}
