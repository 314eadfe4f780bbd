package de.sprechzimmer.whiteboard.access;

import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a bearer ticket into a {@link Member}: signature, scope {@code whiteboard} and expiry checked by
 * {@link SessionTickets}; then a ticket valid for longer than the revocations are remembered is refused
 * (it could outlive its own revocation), then the session must not have ended and the participant must not
 * have been revoked.
 */
public final class Access {

    public static final String SCOPE = "whiteboard";

    private final SessionTickets tickets;
    private final Revocations revocations;
    private final Clock clock;
    private final Duration maxValidity;

    public Access(SessionTickets tickets, Revocations revocations, Clock clock, Duration maxValidity) {
        this.tickets = tickets;
        this.revocations = revocations;
        this.clock = clock;
        this.maxValidity = maxValidity;
    }

    /** @throws de.sprechzimmer.whiteboard.error.WhiteboardException unauthorized, session_ended or ticket_revoked */
    public Member admit(Optional<String> bearer) {
        SessionTickets.Ticket t = bearer.flatMap(b -> tickets.verify(b, SCOPE))
                .orElseThrow(WhiteboardError.UNAUTHORIZED::exception);
        Instant latest = clock.instant().plus(maxValidity);
        if (Instant.ofEpochSecond(t.expires()).isAfter(latest) || t.role() == null) {
            throw WhiteboardError.UNAUTHORIZED.exception();
        }
        Member m;
        try {
            m = new Member(new SessionId(t.sessionId()), new ParticipantId(t.participantId()), t.role());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw WhiteboardError.UNAUTHORIZED.exception();
        }
        switch (revocations.standing(m.session(), m.participant())) {
            case SESSION_ENDED -> throw WhiteboardError.SESSION_ENDED.exception();
            case REVOKED -> throw WhiteboardError.TICKET_REVOKED.exception();
            default -> {
                return m;
            }
        }
    }
}
