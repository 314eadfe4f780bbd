package de.sprechzimmer.whiteboard.access;

import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Revocations of the embedded default: two maps of expiry instants, read on the injected clock. */
public final class InMemoryRevocations implements Revocations {

    private final Clock clock;
    private final Duration ttl;
    private final Map<SessionId, Instant> ended = new ConcurrentHashMap<>();
    private final Map<Revoked, Instant> revoked = new ConcurrentHashMap<>();

    private record Revoked(SessionId session, ParticipantId participant) {
    }

    public InMemoryRevocations(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void sessionEnded(SessionId session) {
        ended.put(session, clock.instant().plus(ttl));
    }

    @Override
    public void participantRevoked(SessionId session, ParticipantId participant) {
        revoked.put(new Revoked(session, participant), clock.instant().plus(ttl));
    }

    @Override
    public Standing standing(SessionId session, ParticipantId participant) {
        Instant now = clock.instant();
        if (live(ended.get(session), now)) {
            return Standing.SESSION_ENDED;
        }
        return live(revoked.get(new Revoked(session, participant)), now) ? Standing.REVOKED : Standing.ACTIVE;
    }

    private static boolean live(Instant until, Instant now) {
        return until != null && until.isAfter(now);
    }

    @Override
    public void purge() {
        Instant now = clock.instant();
        ended.values().removeIf(until -> !until.isAfter(now));
        revoked.values().removeIf(until -> !until.isAfter(now));
    }

    /** Entries held, live or not yet purged: what a test inspects to prove forgetting. */
    int size() {
        return ended.size() + revoked.size();
    }
}
