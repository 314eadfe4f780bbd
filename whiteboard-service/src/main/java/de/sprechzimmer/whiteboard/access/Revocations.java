package de.sprechzimmer.whiteboard.access;

import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;

/**
 * Remembers ended sessions and revoked participants for {@code whiteboard-revocation-ttl}, at least as long
 * as any ticket accepted here can live (tickets valid for longer are refused), so a ticket never outlives
 * its revocation. Embedded: {@link InMemoryRevocations}; distributed: {@link RedisRevocations}, so every node
 * agrees whichever node saw the event.
 */
public interface Revocations {

    void sessionEnded(SessionId session);

    void participantRevoked(SessionId session, ParticipantId participant);

    /** An ended session wins over a revoked participant. */
    Standing standing(SessionId session, ParticipantId participant);

    /** Forgets entries older than the revocation TTL (the in-memory one; Redis expires its keys itself). */
    void purge();
}
