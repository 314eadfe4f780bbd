package de.sprechzimmer.signaling.cluster;

import de.sprechzimmer.signaling.ids.ParticipantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers server events to participants on whichever node holds their socket, through a per-participant
 * mailbox: each event gets the next {@code seq}, is kept for replay after a drop (bounded), and is pushed
 * to the socket if one is attached anywhere. In memory ({@link LocalDelivery}) or over Redis
 * ({@link RedisDelivery}: mailbox lists, a route key per participant, pub/sub per node).
 */
public interface Delivery extends AutoCloseable {

    /** Mailbox bound: at most this many events are kept for replay. */
    int MAILBOX_EVENTS = 256;

    /** Opens the participant's mailbox (idempotent) and routes it to {@code socket} on this node; a socket that held it before is closed with 4409. */
    void attach(ParticipantId id, Socket socket);

    /** The socket went away; events keep collecting in the mailbox until {@link #forget}. */
    void detach(ParticipantId id, Socket socket);

    /** Appends {@code eventBody} ({@code Codec.event}) to the mailbox and pushes it; the seq, or -1 when there is no mailbox. */
    long deliver(ParticipantId to, String eventBody);

    /** Closes the participant's socket, wherever it is, after the events delivered before. */
    void close(ParticipantId id, int code);

    /** The kept frames with a seq greater than {@code afterSeq}, in order. */
    List<String> replay(ParticipantId id, long afterSeq);

    /** Deletes the mailbox and the route: the participant is gone. */
    void forget(ParticipantId id);

    /**
     * Drops the kept {@code signal} frames from the participant's mailbox. They carry SDP and ICE candidates (the
     * peers' addresses) and are kept only for a replay while their session runs; called when the participant
     * leaves a session and when a session ends.
     */
    void forgetSignals(ParticipantId id);

    /**
     * Where several nodes share the stores: renews this node's lease for {@code lease} from {@code now} and takes
     * over every node whose lease ended (it stopped without letting its participants go). Each participant whose
     * route still named such a node is returned to exactly one caller, with the connection the route named (a
     * participant that has just connected elsewhere, before its route moved, has another one by now). {@link Lease#lost()} says that this node's own
     * lease had ended before, so another node has taken its participants over. One node alone has nothing to do.
     */
    default Lease renewLease(Instant now, Duration lease) {
        return Lease.NONE;
    }

    /** What {@link #renewLease} found. */
    record Lease(boolean lost, List<Orphan> orphans) {
        public static final Lease NONE = new Lease(false, List.of());
    }

    /** A participant a stopped node held, on the connection named. */
    record Orphan(ParticipantId id, String connection) {
    }

    @Override
    default void close() {
    }
}
