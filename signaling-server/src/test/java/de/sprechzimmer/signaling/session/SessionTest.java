package de.sprechzimmer.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void everyPairGetsOppositePoliteRolesThroughAnySequenceOfJoinsAndLeaves() {
        Random r = new Random(11);
        Session s = new Session(SessionId.random(), AccountId.random(), PracticeId.random(), Instant.EPOCH, List.of(), 0);
        s = s.with(new Member(ParticipantId.random(), Role.DOCTOR, "Dr")).orElseThrow();
        for (int step = 0; step < 2_000; step++) {
            if (r.nextBoolean() && s.members().size() > 1) {
                s = s.without(s.members().get(r.nextInt(s.members().size())).id());
            } else {
                s = s.with(new Member(ParticipantId.random(), Role.GUEST, "g")).orElse(s);
            }
            List<Member> m = new ArrayList<>(s.members());
            for (Member a : m) {
                for (Member b : m) {
                    if (a != b) {
                        assertThat(s.polite(a.id(), b.id())).isNotEqualTo(s.polite(b.id(), a.id()));
                    }
                }
            }
            assertThat(s.guests()).isLessThanOrEqualTo(Session.MAX_GUESTS);
        }
    }

    @Test
    void theNewcomerIsPoliteAndAFourthGuestDoesNotFit() {
        Member doctor = new Member(ParticipantId.random(), Role.DOCTOR, "Dr");
        Member guest = new Member(ParticipantId.random(), Role.GUEST, "g");
        Session s = new Session(SessionId.random(), AccountId.random(), PracticeId.random(), Instant.EPOCH, List.of(doctor), 1)
                .with(guest).orElseThrow();
        assertThat(s.polite(guest.id(), doctor.id())).isTrue();
        assertThat(s.polite(doctor.id(), guest.id())).isFalse();
        s = s.with(new Member(ParticipantId.random(), Role.GUEST, "2")).orElseThrow()
                .with(new Member(ParticipantId.random(), Role.GUEST, "3")).orElseThrow();
        assertThat(s.with(new Member(ParticipantId.random(), Role.GUEST, "4"))).isEmpty();
        assertThat(s.peakMembers()).isEqualTo(4);
    }
}
