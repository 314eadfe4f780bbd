package de.sprechzimmer.whiteboard.board;

import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies session events to the whiteboard. Each event is handed to the scheduler at once and applied there,
 * off the bus's thread (a Lettuce pub/sub thread must not block on Redis). While the store is unreachable, the
 * event is tried again after 1 s, 5 s, 30 s, 2 min and 10 min; beyond that the hard expiry remains.
 */
public final class SessionFollower implements Consumer<SessionEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFollower.class);
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

    private final Whiteboard board;
    private final Scheduler scheduler;

    public SessionFollower(Whiteboard board, Scheduler scheduler) {
        this.board = board;
        this.scheduler = scheduler;
    }

    @Override
    public void accept(SessionEvent event) {
        scheduler.schedule(Duration.ZERO, () -> apply(event, 0));
    }

    private void apply(SessionEvent event, int attempt) {
        SessionId session;
        try {
            session = new SessionId(event.sessionId());
        } catch (IllegalArgumentException e) {
            LOG.warn("ignored a session event with a malformed session id");
            return;
        }
        try {
            if (event instanceof SessionEvent.Ended) {
                board.end(session);
            } else if (event instanceof SessionEvent.ParticipantRevoked r) {
                board.revoke(session, new ParticipantId(r.participantId()));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("ignored a session event with a malformed participant id");
        } catch (StoreUnavailableException e) {
            if (attempt < RETRIES.size()) {
                LOG.warn("whiteboard store unavailable, session event retried in {}", RETRIES.get(attempt));
                scheduler.schedule(RETRIES.get(attempt), () -> apply(event, attempt + 1));
            } else {
                LOG.error("whiteboard store unavailable, session event given up; the hard expiry remains");
            }
        }
    }
}
