package de.sprechzimmer.signaling.session;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.cluster.Delivery;
import de.sprechzimmer.signaling.cluster.Socket;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ErrorCode;
import de.sprechzimmer.signaling.protocol.ProtocolException;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.waiting.Guest;
import de.sprechzimmer.signaling.waiting.GuestStore;
import de.sprechzimmer.signaling.waiting.WaitingList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Participants arriving and going: {@code hello} with a token or a resume token, the state sent after
 * {@code welcome}, a dropped socket, and the end of the resume window (docs/signaling-protocol.md, "Resume").
 */
public final class Arrivals {

    private static final Logger LOG = LoggerFactory.getLogger(Arrivals.class);
    /** How often each node renews its lease and reaps what stopped nodes left behind. */
    public static final Duration LEASE_RENEWAL = Duration.ofSeconds(10);
    /** A node whose lease was not renewed for this long counts as stopped; also the grace after a resume window. */
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int REAP_BATCH = 500;

    private final Roster roster;
    private final ParticipantStore participants;
    private final SessionStore sessions;
    private final GuestStore guests;
    private final WaitingList waiting;
    private final Delivery delivery;
    private final Lobby lobby;
    private final Scheduler scheduler;
    private final Executor storeWork;
    private final Duration resumeWindow;
    private final AtomicInteger reaping = new AtomicInteger();

    /** What a guest sees of the room it waits in; supplied by the composition (rooms and practices). */
    @FunctionalInterface
    public interface Lobby {
        ServerMessage.RoomInfo roomOf(Guest guest);
    }

    /**
     * @param storeWork where the end of a resume window touches the stores: the worker pool when they block
     *                  (Redis), so the scheduler's one thread (heartbeats, auth timeouts) never waits on the network
     */
    public Arrivals(Roster roster, Lobby lobby, Scheduler scheduler, Executor storeWork, Duration resumeWindow) {
        this.roster = roster;
        this.participants = roster.participants;
        this.sessions = roster.sessions;
        this.guests = roster.guests;
        this.waiting = roster.waiting;
        this.delivery = roster.delivery;
        this.lobby = lobby;
        this.scheduler = scheduler;
        this.storeWork = storeWork;
        this.resumeWindow = resumeWindow;
    }

    /** A participant that just said hello: its record, the new (raw) resume token, whether it resumed. */
    public record Connected(Participant participant, String resumeToken, boolean resumed) {
    }

    public Connected connectDoctor(Account account, Socket socket, String host) {
        String resume = Tokens.random();
        Participant p = new Participant(ParticipantId.random(), Role.DOCTOR, account.id(), account.practiceId(),
                account.displayName(), host, socket.connectionId(), Tokens.hash(resume), null, null);
        participants.put(p);
        return new Connected(p, resume, false);
    }

    /** @throws ProtocolException {@code unauthorized} or {@code token_revoked} */
    public Connected connectGuest(String guestToken, Socket socket, String host) {
        Guest g = guests.byTokenHash(Tokens.hash(guestToken), roster.now())
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
                .filter(p -> p.connected() || p.resumeDeadline().isAfter(roster.now()))
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
        Guest g = guests.byId(p.id(), roster.now()).orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHORIZED, "Unknown guest"));
        if (g.sessionId() != null) {
            if (p.session() != null) {
                // A reloaded page starts its peer connections afresh: leave and join again as the newcomer.
                roster.removeFromSession(p, p.session(), false);
            }
            roster.addMember(g.sessionId(), participants.get(p.id()).orElse(p));
            return;
        }
        waiting.join(g);
        delivery.deliver(p.id(), Codec.event(new ServerMessage.WaitingRoom(lobby.roomOf(g))));
        roster.pushWaiting(p);
    }

    /** The socket closed: keep the participant for the resume window, then let it go. */
    public void dropped(ParticipantId id, Socket socket) {
        delivery.detach(id, socket);
        Optional<Participant> p = participants.get(id).filter(x -> x.connected() && x.connection().equals(socket.connectionId()));
        if (p.isEmpty()) {
            return;
        }
        Instant deadline = roster.now().plus(resumeWindow);
        participants.put(p.get().droppedUntil(deadline));
        scheduler.schedule(resumeWindow, () -> {
            try {
                storeWork.execute(() -> expire(id, deadline));
            } catch (RejectedExecutionException e) {
                expire(id, deadline); // pool full: rather here than never (the guest must not stay listed)
            }
        });
    }

    /**
     * Runs every {@link #LEASE_RENEWAL} on each node, on the store worker: renews this node's lease and lets go of
     * the participants a stopped node left behind. Those it held connected get a resume window from now (their
     * clients may resume on another node); those whose window ended without the stopped node's timer letting them
     * go leave now, as {@link #expire} would have done.
     */
    public void reap() {
        // One at a time, one more waiting at most (the others would find nothing new): overlapping sweeps would let
        // the same participant go twice.
        if (reaping.incrementAndGet() > 2) {
            reaping.decrementAndGet();
            return;
        }
        try {
            synchronized (reaping) {
                reapNow();
            }
        } finally {
            reaping.decrementAndGet();
        }
    }

    private void reapNow() {
        Instant now = roster.now();
        Delivery.Lease lease;
        try {
            lease = delivery.renewLease(now, LEASE);
        } catch (RuntimeException e) {
            // Redis away: the next renewal tries again (the lease outlasts two of them). No message: it may quote data.
            LOG.warn("lease renewal failed ({})", e.getClass().getSimpleName());
            return;
        }
        if (lease.lost()) {
            LOG.warn("this node's lease had lapsed (paused or cut off for over {} s); its connections were closed to resume elsewhere",
                    LEASE.toSeconds());
        }
        for (Delivery.Orphan o : lease.orphans()) {
            // Only on the connection the route named: one that has just connected elsewhere is not an orphan.
            each("orphan", () -> participants.get(o.id())
                    .filter(p -> p.connected() && p.connection().equals(o.connection()))
                    .ifPresent(p -> participants.put(p.droppedUntil(now.plus(resumeWindow)))));
        }
        for (Participant p : participants.lapsed(now.minus(LEASE), REAP_BATCH)) {
            each("lapsed", () -> {
                if (participants.claimLapsed(p.id())) {
                    expire(p.id(), p.resumeDeadline());
                }
            });
        }
    }

    /** One participant's part of {@link #reap}: a failure skips it, not the others. No message: it may quote data. */
    private static void each(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("reaping one {} participant failed ({})", what, e.getClass().getSimpleName());
        }
    }

    /** The resume window passed without a resume: a waiting guest leaves the list, a member leaves its session. */
    void expire(ParticipantId id, Instant deadline) {
        Optional<Participant> p = participants.get(id).filter(x -> deadline.equals(x.resumeDeadline()));
        if (p.isEmpty()) {
            return;
        }
        if (p.get().session() != null) {
            roster.removeFromSession(p.get(), p.get().session(), true);
        }
        if (p.get().role() == Role.GUEST) {
            guests.byId(id, roster.now()).ifPresent(g -> {
                if (waiting.leave(g)) {
                    roster.pushWaiting(p.get());
                }
            });
        }
        participants.remove(id);
        delivery.forget(id);
    }
}
