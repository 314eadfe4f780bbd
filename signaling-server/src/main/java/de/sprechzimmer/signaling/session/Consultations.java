package de.sprechzimmer.signaling.session;

import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.stats.TelemetryReport;
import de.sprechzimmer.signaling.cluster.Delivery;
import de.sprechzimmer.signaling.ids.Ids;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import de.sprechzimmer.signaling.protocol.ClientMessage;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ErrorCode;
import de.sprechzimmer.signaling.protocol.ProtocolException;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.stats.SignalingStats;
import de.sprechzimmer.signaling.waiting.Guest;
import de.sprechzimmer.signaling.waiting.GuestStore;
import de.sprechzimmer.signaling.waiting.WaitingList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What connected participants ask for: the doctor admits, declines and ends; members signal, leave and report
 * telemetry. State lives in the stores, so any node can act on any participant; events reach participants
 * through {@link Delivery}.
 */
public final class Consultations {

    private static final Logger LOG = LoggerFactory.getLogger(Consultations.class);

    private final Roster roster;
    private final ParticipantStore participants;
    private final SessionStore sessions;
    private final GuestStore guests;
    private final WaitingList waiting;
    private final Delivery delivery;
    private final SignalingStats stats;

    public Consultations(Roster roster) {
        this.roster = roster;
        this.participants = roster.participants;
        this.sessions = roster.sessions;
        this.guests = roster.guests;
        this.waiting = roster.waiting;
        this.delivery = roster.delivery;
        this.stats = roster.stats;
    }

    public SessionId admit(ParticipantId doctorId, ClientMessage.Admit m) {
        Participant doctor = roster.fresh(doctorId);
        requireDoctor(doctor);
        if (!Ids.valid(m.guestId())) {
            throw new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting");
        }
        Guest g = waiting.take(doctor.account(), new ParticipantId(m.guestId()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not waiting"));
        Participant guest = participants.get(g.id()).orElse(null);
        if (guest == null) {
            roster.pushWaiting(doctor);
            throw new ProtocolException(ErrorCode.UNKNOWN_GUEST, "This guest is not connected any more");
        }
        SessionId sid;
        try {
            Optional<Session> created = m.sessionId() == null && sessions.current(doctor.account()).isEmpty()
                    ? Optional.of(newSession(doctor)) : Optional.empty();
            sid = created.map(Session::id).orElseGet(() -> sessionFor(doctor, m.sessionId()));
            roster.addMember(sid, roster.fresh(doctorId));
            guests.put(g.admittedTo(sid));
            roster.addMember(sid, participants.get(g.id()).orElse(guest));
            // docs/statistics.md: a consultation starts when its first guest is in (a doctor alone is none)
            created.ifPresent(s -> stats.consultationStarted(s.account(), s.practice(), 1));
        } catch (ProtocolException e) {
            // not admitted after all (session full or over): the guest keeps its place in the waiting list
            guests.put(g);
            waiting.join(g);
            roster.pushWaiting(doctor);
            throw e;
        }
        roster.pushWaiting(doctor);
        return sid;
    }

    public void decline(ParticipantId doctorId, ClientMessage.Decline m) {
        Participant doctor = roster.fresh(doctorId);
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
        roster.pushWaiting(doctor);
    }

    public void endSession(ParticipantId id, ClientMessage.EndSession m) {
        Participant p = roster.fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (p.role() != Role.DOCTOR) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "Only the doctor ends a session");
        }
        roster.finish(s, "ended");
    }

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
        Participant p = roster.fresh(id);
        if (m.sessionId() == null) {
            leaveWaitingList(p);
            return true;
        }
        Session s = sessionOf(p, m.sessionId());
        if (!s.has(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        roster.removeFromSession(p, s.id(), true);
        if (p.role() == Role.GUEST) {
            guests.byId(id, roster.now()).ifPresent(g -> guests.put(g.asRevoked()));
            participants.remove(id);
            delivery.forget(id);
            return true;
        }
        return false;
    }

    /**
     * A waiting guest goes (the page is closed or the patient gave up): off the doctor's list now, not after the
     * resume window. The token stays valid, so the same tab can come back (a reload sends {@code leave} first).
     */
    private void leaveWaitingList(Participant p) {
        if (p.role() != Role.GUEST || p.session() != null) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Only a waiting guest leaves without sessionId");
        }
        Guest g = guests.byId(p.id(), roster.now())
                .filter(x -> x.sessionId() == null || sessions.get(x.sessionId()).isEmpty())
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not waiting"));
        if (waiting.leave(g)) {
            roster.pushWaiting(p);
        }
        participants.remove(p.id());
        delivery.forget(p.id());
    }

    public void telemetry(ParticipantId id, ClientMessage.Telemetry m) {
        Participant p = roster.fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (!s.has(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        TelemetryReport report = SignalingStats.report(m.fields())
                .orElseThrow(() -> new ProtocolException(ErrorCode.INVALID_TELEMETRY,
                        "telemetry: see docs/statistics.md, Browser telemetry (media, path, protocol, port, bitrateKbps, network)"));
        stats.telemetry(report, s.account(), s.practice(), p.role().wire());
        sessions.note(s.id(), SessionUsage.path(report.path()));
        if (report.path().equals("relay") && report.protocol() != null) {
            sessions.note(s.id(), SessionUsage.relayProtocol(report.protocol()));
        }
    }

    /** A member used a feature (docs/signaling-protocol.md, {@code feature-used}); kept for the session's statistics. */
    public void featureUsed(ParticipantId id, ClientMessage.FeatureUsed m) {
        Participant p = roster.fresh(id);
        Session s = sessionOf(p, m.sessionId());
        if (!s.has(id)) {
            throw new ProtocolException(ErrorCode.NOT_IN_SESSION, "Not a member of this session");
        }
        sessions.note(s.id(), SessionUsage.feature(m.asFeature()));
    }

    private SessionId sessionFor(Participant doctor, String requested) {
        if (requested != null) {
            return sessionOf(doctor, requested).id();
        }
        return sessions.current(doctor.account()).orElseGet(() -> newSession(doctor).id());
    }

    private Session newSession(Participant doctor) {
        Session s = new Session(SessionId.random(), doctor.account(), doctor.practice(), roster.now(), List.of(), 0);
        sessions.create(s);
        LOG.info("session {} started", s.id());
        roster.events.publish(new SessionEvent.Started(s.id().value(), roster.now()));
        return s;
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

    private static void requireDoctor(Participant p) {
        if (p.role() != Role.DOCTOR) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "Only the doctor may do this");
        }
    }
}
