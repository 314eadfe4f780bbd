package de.sprechzimmer.signaling.session;

import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.signaling.cluster.Delivery;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ErrorCode;
import de.sprechzimmer.signaling.protocol.ProtocolException;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.stats.SignalingStats;
import de.sprechzimmer.signaling.waiting.GuestStore;
import de.sprechzimmer.signaling.waiting.WaitingList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which session, and telling everyone concerned: joins ({@code session}, {@code peer-joined} with the
 * perfect-negotiation roles), leaves ({@code peer-left}), the end of a session, and the doctors' waiting lists.
 * Shared by {@link Arrivals} (connections coming and going) and {@link Consultations} (what members ask for).
 */
public final class Roster {

    private static final Logger LOG = LoggerFactory.getLogger(Roster.class);

    /** Validity of whiteboard tickets; revocation travels on {@link SessionEvents} anyway. */
    static final Duration TICKET_TTL = Duration.ofHours(12);

    final ParticipantStore participants;
    final SessionStore sessions;
    final GuestStore guests;
    final WaitingList waiting;
    final Delivery delivery;
    final SessionEvents events;
    final SignalingStats stats;
    private final SessionTickets tickets;
    private final IceServers ice;
    private final Clock clock;

    public Roster(ParticipantStore participants, SessionStore sessions, GuestStore guests, WaitingList waiting,
                  Delivery delivery, SessionEvents events, SessionTickets tickets, IceServers ice, SignalingStats stats,
                  Clock clock) {
        this.participants = participants;
        this.sessions = sessions;
        this.guests = guests;
        this.waiting = waiting;
        this.delivery = delivery;
        this.events = events;
        this.tickets = tickets;
        this.ice = ice;
        this.stats = stats;
        this.clock = clock;
    }

    /** Adds {@code p} to the session; the newcomer gets {@code session}, the others {@code peer-joined}. */
    void addMember(SessionId sid, Participant p) {
        SessionStore.Join j = sessions.join(sid, new Member(p.id(), p.role(), p.name()));
        if (j.outcome() == SessionStore.JoinOutcome.FULL) {
            throw new ProtocolException(ErrorCode.SESSION_FULL, "The session already has 3 guests");
        }
        if (j.outcome() == SessionStore.JoinOutcome.NO_SESSION) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "The session is over");
        }
        if (sid.equals(p.session())) {
            return;
        }
        if (p.session() != null) {
            removeFromSession(p, p.session(), true);
        }
        Session s = j.session();
        participants.put(fresh(p.id()).inSession(sid));
        for (Member m : s.members()) {
            if (!m.id().equals(p.id())) {
                delivery.deliver(m.id(), Codec.event(new ServerMessage.PeerJoined(p.id().value(), p.role().wire(),
                        p.name(), s.polite(m.id(), p.id()))));
            }
        }
        delivery.deliver(p.id(), Codec.event(sessionMessage(s, p)));
    }

    private ServerMessage.Session sessionMessage(Session s, Participant self) {
        List<ServerMessage.Peer> peers = new ArrayList<>();
        for (Member m : s.members()) {
            if (!m.id().equals(self.id())) {
                peers.add(new ServerMessage.Peer(m.id().value(), m.role().wire(), m.name(), s.polite(self.id(), m.id())));
            }
        }
        String ticket = tickets.issue("whiteboard", s.id().value(), self.id().value(), self.role().wire(), TICKET_TTL);
        return new ServerMessage.Session(s.id().value(), self.id().value(), peers,
                ice.forParticipant(self.id(), self.host()), ice.policy(), Map.of("whiteboard", ticket));
    }

    /** Takes {@code p} out of the session, tells the peers, and ends the session when nobody is left. */
    void removeFromSession(Participant p, SessionId sid, boolean endWhenEmpty) {
        Optional<Session> after = sessions.leave(sid, p.id());
        participants.get(p.id()).ifPresent(x -> participants.put(x.inSession(null)));
        delivery.forgetSignals(p.id());
        if (after.isEmpty()) {
            return;
        }
        for (Member m : after.get().members()) {
            delivery.deliver(m.id(), Codec.event(new ServerMessage.PeerLeft(p.id().value())));
        }
        events.publish(new SessionEvent.ParticipantRevoked(sid.value(), p.id().value(), now()));
        if (endWhenEmpty && after.get().members().isEmpty()) {
            finish(after.get(), "abandoned");
        }
    }

    /** Ends the session: every member hears it, guest tokens die, other services learn it from the bus. */
    void finish(Session s, String reason) {
        Session last = sessions.get(s.id()).orElse(s);
        SessionUsage usage = sessions.usage(s.id());
        if (!sessions.delete(s.id())) {
            return;
        }
        for (Member m : last.members()) {
            delivery.deliver(m.id(), Codec.event(new ServerMessage.SessionEnded(s.id().value())));
            if (m.role() == Role.GUEST) {
                guests.byId(m.id(), now()).ifPresent(g -> guests.put(g.asRevoked()));
                delivery.close(m.id(), CloseCodes.REVOKED);
                participants.remove(m.id());
                delivery.forget(m.id());
            } else {
                participants.get(m.id()).ifPresent(x -> participants.put(x.inSession(null)));
                delivery.forgetSignals(m.id());
            }
        }
        // A guest whose place ran out before the end is no member any more; its token dies with the session too.
        for (ParticipantId g : usage.guests()) {
            if (!last.has(g)) {
                guests.byId(g, now()).filter(x -> !x.revoked()).ifPresent(x -> guests.put(x.asRevoked()));
            }
        }
        LOG.info("session {} ended ({}, {} guests took part)", s.id(), reason, usage.guests().size());
        events.publish(new SessionEvent.Ended(s.id().value(), now()));
        if (!usage.guests().isEmpty()) {
            stats.consultationEnded(last.account(), last.practice(), last.startedAt(), usage);
        }
    }

    /** Sends the current waiting list to every doctor tab of the participant's account. */
    void pushWaiting(Participant any) {
        String body = Codec.event(waiting.entries(any.account()));
        for (ParticipantId d : participants.doctors(any.account())) {
            delivery.deliver(d, body);
        }
    }

    Participant fresh(ParticipantId id) {
        return participants.get(id).orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED, "Participant is gone"));
    }

    Instant now() {
        return clock.instant();
    }
}
