package de.sprechzimmer.turn.server;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every live session, so a periodic sweep can reach them on their own event loops, and close can end them all. */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Set<RelaySession> all = ConcurrentHashMap.newKeySet();

    void add(RelaySession s) {
        all.add(s);
    }

    void remove(RelaySession s) {
        all.remove(s);
    }

    int size() {
        return all.size();
    }

    /** Posts one task to each event loop that sweeps that loop's sessions (not one task per session). */
    void sweepAll() {
        Map<EventLoop, List<RelaySession>> byLoop = new HashMap<>();
        for (RelaySession s : all) {
            byLoop.computeIfAbsent(s.link().eventLoop(), loop -> new ArrayList<>()).add(s);
        }
        byLoop.forEach((loop, sessions) -> loop.execute(() -> sweep(sessions)));
    }

    private static void sweep(List<RelaySession> sessions) {
        for (RelaySession s : sessions) {
            try {
                s.sweep();
            } catch (RuntimeException e) {
                // One session's failure must not keep the others of its loop from being swept. No message: it
                // may quote an address.
                LOG.warn("sweeping a session failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    void closeAll() {
        for (RelaySession s : all) {
            s.link().eventLoop().execute(s::close);
        }
    }
}
