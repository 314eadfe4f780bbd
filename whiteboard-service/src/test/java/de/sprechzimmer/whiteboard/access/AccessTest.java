package de.sprechzimmer.whiteboard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.error.WhiteboardException;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AccessTest {

    final ManualClock clock = new ManualClock();
    final SessionTickets tickets = new SessionTickets("ticket-secret-for-tests", clock);
    final InMemoryRevocations revocations = new InMemoryRevocations(clock, Duration.ofHours(24));
    final Access access = new Access(tickets, revocations, clock, Duration.ofHours(24));

    String ticket(String session, String participant, String role) {
        return tickets.issue("whiteboard", session, participant, role, Duration.ofHours(2));
    }

    static void refused(ThrowingCallable call, WhiteboardError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WhiteboardException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aValidTicketMakesAMember() {
        Member m = access.admit(Optional.of(ticket("s_1", "p_doc", "doctor")));
        assertThat(m).isEqualTo(new Member(new SessionId("s_1"), new ParticipantId("p_doc"), "doctor"));
        assertThat(m.isDoctor()).isTrue();
    }

    @Test
    void missingForgedExpiredOrForeignScopeTicketsAreUnauthorized() {
        refused(() -> access.admit(Optional.empty()), WhiteboardError.UNAUTHORIZED);
        refused(() -> access.admit(Optional.of("v1.garbage.sig")), WhiteboardError.UNAUTHORIZED);
        String foreign = new SessionTickets("another-secret-entirely", clock).issue("whiteboard", "s_1", "p_doc", "doctor", Duration.ofHours(1));
        refused(() -> access.admit(Optional.of(foreign)), WhiteboardError.UNAUTHORIZED);
        String stats = tickets.issue("stats", "s_1", "p_doc", "doctor", Duration.ofHours(1));
        refused(() -> access.admit(Optional.of(stats)), WhiteboardError.UNAUTHORIZED);
        String t = ticket("s_1", "p_doc", "doctor");
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        refused(() -> access.admit(Optional.of(t)), WhiteboardError.UNAUTHORIZED);
    }

    @Test
    void aTicketThatWouldOutliveItsRevocationIsRefused() {
        String tooLong = tickets.issue("whiteboard", "s_1", "p_doc", "doctor", Duration.ofHours(25));
        refused(() -> access.admit(Optional.of(tooLong)), WhiteboardError.UNAUTHORIZED);
        String justRight = tickets.issue("whiteboard", "s_1", "p_doc", "doctor", Duration.ofHours(24));
        assertThat(access.admit(Optional.of(justRight)).session().value()).isEqualTo("s_1");
    }

    @Test
    void ticketsWithIdsOutsideTheAlphabetAreUnauthorized() {
        refused(() -> access.admit(Optional.of(ticket("s 1/..", "p_doc", "doctor"))), WhiteboardError.UNAUTHORIZED);
        refused(() -> access.admit(Optional.of(ticket("s_1", "", "doctor"))), WhiteboardError.UNAUTHORIZED);
        refused(() -> access.admit(Optional.of(ticket("s_1", "p_doc", null))), WhiteboardError.UNAUTHORIZED);
    }

    @Test
    void endedSessionsAndRevokedParticipantsAreRefusedWithTheirOwnCodes() {
        String guest = ticket("s_1", "p_guest", "guest");
        String doctor = ticket("s_1", "p_doc", "doctor");
        revocations.participantRevoked(new SessionId("s_1"), new ParticipantId("p_guest"));
        refused(() -> access.admit(Optional.of(guest)), WhiteboardError.TICKET_REVOKED);
        assertThat(access.admit(Optional.of(doctor)).participant().value()).isEqualTo("p_doc");
        revocations.sessionEnded(new SessionId("s_1"));
        refused(() -> access.admit(Optional.of(doctor)), WhiteboardError.SESSION_ENDED);
        assertThat(access.admit(Optional.of(ticket("s_2", "p_doc", "doctor"))).session().value()).isEqualTo("s_2");
    }
}
