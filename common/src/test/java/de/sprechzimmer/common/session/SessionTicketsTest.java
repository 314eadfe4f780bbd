package de.sprechzimmer.common.session;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionTicketsTest {

    final ManualClock clock = new ManualClock();
    final SessionTickets tickets = new SessionTickets("ticket-secret-0123456789", clock);

    @Test
    void ticketVerifiesForItsScopeUntilExpiry() {
        String t = tickets.issue("whiteboard", "s1", "p1", "guest", Duration.ofMinutes(5));
        assertThat(tickets.verify(t, "whiteboard")).hasValueSatisfying(v -> {
            assertThat(v.sessionId()).isEqualTo("s1");
            assertThat(v.participantId()).isEqualTo("p1");
        });
        assertThat(tickets.verify(t, "stats")).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        assertThat(tickets.verify(t, "whiteboard")).isEmpty();
    }

    @Test
    void tamperedOrForeignTicketsAreRefused() {
        String t = tickets.issue("whiteboard", "s1", "p1", "guest", Duration.ofMinutes(5));
        String other = new SessionTickets("another-secret-0123456789", clock).issue("whiteboard", "s1", "p1", "doctor", Duration.ofMinutes(5));
        assertThat(tickets.verify(other, "whiteboard")).isEmpty();
        String forged = t.substring(0, 5) + (t.charAt(5) == 'A' ? 'B' : 'A') + t.substring(6);
        assertThat(tickets.verify(forged, "whiteboard")).isEmpty();
        assertThat(tickets.verify("v1.garbage", "whiteboard")).isEmpty();
        assertThat(tickets.verify(null, "whiteboard")).isEmpty();
    }
}
