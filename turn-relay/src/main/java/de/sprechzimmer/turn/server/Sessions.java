package de.sprechzimmer.turn.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every live session, so a periodic sweep can reach them on their own event loops, and close can end them all. */
final class Sessions {

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

    /** Posts a sweep of each session to its event loop. */
    void sweepAll() {
        for (RelaySession s : all) {
            s.link().eventLoop().execute(s::sweep);
        }
    }

    void closeAll() {
        for (RelaySession s : all) {
            s.link().eventLoop().execute(s::close);
        }
    }
}
