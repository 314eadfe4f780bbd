package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.util.Optional;

/** Sessions and their members. Membership changes are atomic, so two nodes cannot overfill a session. */
public interface SessionStore {

    /** Stores a new session and makes it the account's current one. */
    void create(Session session);

    Optional<Session> get(SessionId id);

    /** The account's current (most recently created, not ended) session. */
    Optional<SessionId> current(AccountId account);

    /** Outcome of {@link #join}. */
    enum JoinOutcome { JOINED, FULL, NO_SESSION }

    record Join(JoinOutcome outcome, Session session) {
    }

    /**
     * Adds the member (no-op when already in); refuses a guest beyond the mesh limit. A guest who joins is noted
     * in the session's {@link #usage} for good.
     */
    Join join(SessionId id, Member member);

    /** Notes a {@link SessionUsage} mark (idempotent); nothing when the session is gone. */
    void note(SessionId id, String mark);

    /** What the session used so far; {@link SessionUsage#NONE} when it is gone. */
    SessionUsage usage(SessionId id);

    /** Removes the member; the session as it is afterwards, or empty when there is no such session. */
    Optional<Session> leave(SessionId id, ParticipantId member);

    /** Deletes the session and its usage; true only for the caller that actually deleted it (end races). */
    boolean delete(SessionId id);
}
