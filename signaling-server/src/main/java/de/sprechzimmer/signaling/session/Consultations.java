package de.sprechzimmer.signaling.session;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.cluster.Delivery;
import de.sprechzimmer.signaling.cluster.Socket;
import de.sprechzimmer.signaling.ids.Ids;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import de.sprechzimmer.signaling.protocol.ClientMessage;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ErrorCode;
import de.sprechzimmer.signaling.protocol.ProtocolException;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.common.stats.TelemetryReport;
import de.sprechzimmer.signaling.stats.SignalingStats;
import de.sprechzimmer.signaling.waiting.Guest;
import de.sprechzimmer.signaling.waiting.GuestStore;
import de.sprechzimmer.signaling.waiting.WaitingList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consultation flow behind the WebSocket: participants connect, resume and drop; guests wait, are admitted
 * or declined; session members signal, leave, and the doctor ends the session. State lives in the stores, so any
 * node can act on any participant; events reach participants through {@link Delivery}.
 */
public final class Consultations {

    private static final Logger LOG = LoggerFactory.getLogger(Consultations.class);

    /** Validity of whiteboard tickets; revocation travels on {@link SessionEvents} anyway. */
    static final Duration TICKET_TTL = Duration.ofHours(12);

    private final ParticipantStore participants;
    private final SessionStore sessions;
    private final GuestStore guests;
    private final WaitingList waiting;
    private final Lobby lobby;
    private final Delivery delivery;
    private final SessionEvents events;
    private final SessionTickets tickets;
    private final IceServers ice;
    private final SignalingStats stats;
    private final Scheduler scheduler;
    private final Duration resumeWindow;

    /** What a guest sees of the room it waits in; supplied by the composition (rooms and practices). */
    @FunctionalInterface
    public interface Lobby {
        ServerMessage.RoomInfo roomOf(Guest guest);
    }

    public Consultations(ParticipantStore participants, SessionStore sessions, GuestStore guests, WaitingList waiting,
                         Lobby lobby, Delivery delivery, SessionEvents events,
                         SessionTickets tickets, IceServers ice, SignalingStats stats, Scheduler scheduler,
                         Duration resumeWindow) {
        this.participants = participants;
        this.sessions = sessions;
        this.guests = guests;
        this.waiting = waiting;
        this.lobby = lobby;
        this.delivery = delivery;
        this.events = events;
        this.tickets = tickets;
        this.ice = ice;
        this.stats = stats;
        this.scheduler = scheduler;
        this.resumeWindow = resumeWindow;
    }

    /** A participant that just said hello: its record, the new (raw) resume token, whether it resumed. */
    public record Connected(Participant participant, String resumeToken, boolean resumed) {
    }

    // --- connecting -------------------------------------------------------------------------------------

    public Connected connectDoctor(Account account, Socket socket, String host) {
        String resume = Tokens.random();
        Participant p = new Participant(ParticipantId.random(), Role.DOCTOR, account.id(), account.practiceId(),
                account.displayName(), host, socket.connectionId(), Tokens.hash(resume), null, null);
        participants.put(p);
        return new Connected(p, resume, false);
    }

    /** @throws ProtocolException {@code unauthorized} or {@code token_revoked} */
    public Connected connectGuest(String guestToken, Socket socket, String host) {
        Guest g = guests.byTokenHash(Tokens.hash(guestToken), now())
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED, "Unknown or expired token"));
        if (g.revoked() || (g.sessionId() != null && sessions.get(g.sessionId()).isEmpty())) {
            throw new ProtocolException(ErrorCode.TOKEN_REVOKED, "This token was revoked");
        }
        String resume = Tokens.random();
        Participant p = participants.get(g.id())
                .map(old -> old.connectedOn(host, socket.connectionId(), Tokens.hash(resume)))
                .orElseGet(() -> new Participant(g.id(), Role.GUEST, g.doctor(), g.practice(), g.name(), host,
                        socket.connectionId(), Tokens.hash(resume), null, null));
        participants.put(p);
        return new Connected(p, resume, false);
    }

    /** @throws ProtocolException {@code invalid_resume} when the token is unknown or its window has passed */
    public Connected resume(String resumeToken, Socket socket, String host) {
        Participant old = participants.byResumeHash(Tokens.hash(resumeToken))
                .filter(p -> p.connected() || p.resumeDeadline().isAfter(now()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_RESUME, "Unknown or expired resume token"));
        String resume = Tokens.random();
        Participant p = old.connectedOn(host == null ? old.host() : host, socket.connectionId(), Tokens.hash(resume));
        participants.put(p);
        return new Connected(p, resume, true);
    }

    /**
     * After {@code welcome} went out: routes the participant's events to {@code socket}, replays what it missed
     * (resume) and sends the current state: a doctor its waiting list, a new guest its waiting room or session.
     */
    public void start(Connected c, Socket socket, long lastSeq) {
        Participant p = c.participant();
        delivery.attach(p.id(), socket);
        socket.release(c.resumed() ? delivery.replay(p.id(), lastSeq) : List.of());
        if (c.resumed()) {
            if (p.role() == Role.DOCTOR) {
                delivery.deliver(p.id(), Codec.event(waiting.entries(p.account())));
            }
            return;
        }
        if (p.role() == Role.DOCTOR) {
            delivery.deliver(p.id(), Codec.event(waiting.entries(p.account())));
            return;
        }
        Guest g = guests.byId(p.id(), now()).orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED, "Unknown guest"));
        if (g.sessionId() != null) {
            if (p.session() != null) {
                // A reloaded page starts its peer connections afresh: leave and join again as the newcomer.
                removeFromSession(p, p.session(), false);
            }
            addMember(g.sessionId(), participants.get(p.id()).orElse(p));
            return;
        }
        waiting.join(g);
        delivery.deliver(p.id(), Codec.event(new ServerMessage.WaitingRoom(lobby.roomOf(g))));
        pushWaiting(p);
    }

    /** The socket closed: keep the participant for the resume window, then let it go. */
    public void dropped(ParticipantId id, Socket socket) {
        delivery.detach(id, socket);
        Optional<Participant> p = participants.get(id).filter(x -> x.connected() && x.connection().equals(socket.connectionId()));
        if (p.isEmpty()) {
            return;
        }
        Instant deadline = now().plus(resumeWindow);
        participants.put(p.get().droppedUntil(deadline));
        scheduler.schedule(resumeWindow, () -> expire(id, deadline));
    }

    /** The resume window passed without a resume: a waiting guest leaves the list, a member leaves its session. */
    void expire(ParticipantId id, Instant deadline) {
        Optional<Participant> p = participants.get(id).filter(x -> deadline.equals(x.resumeDeadline()));
        if (p.isEmpty()) {
            return;
        }
        if (p.get().session() != null) {
            removeFromSession(p.get(), p.get().session(), true);
        }
        if (p.get().role() == Role.GUEST) {
            guests.byId(id, now()).ifPresent(g -> {
                if (waiting.leave(g)) {
                    pushWaiting(p.get());
                }
            });
        }
        participants.remove(id);
        delivery.forget(id);
    }

    // --- doctor ------------------------------------------------------------------------------------------

    public SessionId admit(ParticipantId doctorId, ClientMessage.Admit m) {
        Participant doctor = fresh(doctorId);
        requireDoctor(doctor);
        if (!Ids.valid(m.guestId())) {
            throw new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting");
        }
        Guest g = waiting.take(doctor.account(), new ParticipantId(m.guestId()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting"));
        Participant guest = participants.get(g.id()).orElse(null);
        if (guest == null) {
            pushWaiting(doctor);
            throw new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not connected any more");
        }
        SessionId sid;
        try {
            sid = sessionFor(doctor, m.sessionId());
            addMember(sid, fresh(doctorId));
            guests.put(g.admittedTo(sid));
            addMember(sid, participants.get(g.id()).orElse(guest));
        } catch (ProtocolException e) {
            // not admitted after all (session full or over): the guest keeps its place in the waiting list
            guests.put(g);
            waiting.join(g);
            pushWaiting(doctor);
            throw e;
        }
        pushWaiting(doctor);
        return sid;
    }

    public void decline(ParticipantId doctorId, ClientMessage.Decline m) {
        Participant doctor = fresh(doctorId);
        requireDoctor(doctor);
        if (!Ids.valid(m.guestId())) {
            throw new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting");
        }
        Guest g = waiting.take(doctor.account(), new ParticipantId(m.guestId()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting"));
        guests.put(g.asRevoked());
        delivery.deliver(g.id(), Codec.event(new ServerMessage.Declined()));
        delivery.close(g.id(), CloseCodes.REVOKED);
        participants.remove(g.id());
        delivery.forget(g.id());
        pushWaiting(doctor);
    }

    public void endSession(ParticipantId id, ClientMessage.EndSession m) {
        Participant p = fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (p.role() != Role.DOCTOR) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "Only the doctor ends a session");
        }
        finish(s, "ended");
    }

    // --- members -----------------------------------------------------------------------------------------

    /** Relays a signal to one member of the sender's session; the payload is never looked at or kept. */
    public void signal(ParticipantId from, ClientMessage.Signal m) {
        if (!Ids.valid(m.sessionId())) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        Session s = sessions.get(new SessionId(m.sessionId())).filter(x -> x.has(from))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session"));
        if (!Ids.valid(m.to()) || from.value().equals(m.to()) || !s.has(new ParticipantId(m.to()))) {
            throw new ProtocolException(ErrorCode.UNKNOWN_PEER, "No such member in this session");
        }
        delivery.deliver(new ParticipantId(m.to()),
                Codec.event(new ServerMessage.Signal(m.sessionId(), from.value(), m.payload())));
    }

    /** The sender leaves; returns true when the sender is a guest and is done (its socket should close). */
    public boolean leave(ParticipantId id, ClientMessage.Leave m) {
        Participant p = fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (!s.has(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        removeFromSession(p, s.id(), true);
        if (p.role() == Role.GUEST) {
            guests.byId(id, now()).ifPresent(g -> guests.put(g.asRevoked()));
            participants.remove(id);
            delivery.forget(id);
            return true;
        }
        return false;
    }

    public void telemetry(ParticipantId id, ClientMessage.Telemetry m) {
        Participant p = fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (!s.has(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        TelemetryReport report = SignalingStats.report(m.fields())
                .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_TELEMETRY,
                        "telemetry: see docs/statistics.md, Browser telemetry (media, path, protocol, port, bitrateKbps, network)"));
        stats.telemetry(report, s.account(), s.practice(), p.role().wire());
    }

    // --- internals ---------------------------------------------------------------------------------------

    private SessionId sessionFor(Participant doctor, String requested) {
        if (requested != null) {
            return sessionOf(doctor, requested).id();
        }
        Optional<SessionId> current = sessions.current(doctor.account());
        if (current.isPresent()) {
            return current.get();
        }
        Session s = new Session(SessionId.random(), doctor.account(), doctor.practice(), now(), List.of(), 0);
        sessions.create(s);
        LOG.info("session {} started", s.id());
        events.publish(new SessionEvent.Started(s.id().value(), now()));
        stats.consultationStarted(s.account(), s.practice());
        return s.id();
    }

    /** The session {@code id} if {@code p} may act on it: a member, or a doctor of the session's account. */
    private Session sessionOf(Participant p, String id) {
        if (!Ids.valid(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        return sessions.get(new SessionId(id))
                .filter(s -> s.has(p.id()) || (p.role() == Role.DOCTOR && s.account().equals(p.account())))
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session"));
    }

    private void addMember(SessionId sid, Participant p) {
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
    private void removeFromSession(Participant p, SessionId sid, boolean endWhenEmpty) {
        Optional<Session> after = sessions.leave(sid, p.id());
        participants.get(p.id()).ifPresent(x -> participants.put(x.inSession(null)));
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
    private void finish(Session s, String reason) {
        Session last = sessions.get(s.id()).orElse(s);
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
            }
        }
        LOG.info("session {} ended ({}, {} members at most)", s.id(), reason, last.peakMembers());
        events.publish(new SessionEvent.Ended(s.id().value(), now()));
        stats.consultationEnded(last.account(), last.practice(), last.startedAt(), last.peakMembers());
    }

    /** Sends the current waiting list to every doctor tab of the participant's account. */
    private void pushWaiting(Participant any) {
        String body = Codec.event(waiting.entries(any.account()));
        for (ParticipantId d : participants.doctors(any.account())) {
            delivery.deliver(d, body);
        }
    }

    private Participant fresh(ParticipantId id) {
        return participants.get(id).orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED, "Participant is gone"));
    }

    private static void requireDoctor(Participant p) {
        if (p.role() != Role.DOCTOR) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "Only the doctor may do this");
        }
    }

    private Instant now() {
        return scheduler.clock().instant();
    }
}
