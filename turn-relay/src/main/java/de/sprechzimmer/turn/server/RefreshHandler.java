package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.Lifetime;
import java.time.Duration;
import java.util.List;

/** Refresh (RFC 8656 §8.2). */
final class RefreshHandler {

    private RefreshHandler() {
    }

    static void handle(Request r) {
        // No allocation on the 5-tuple: 437; other credentials: 441 (Request.session()).
        RelaySession s = r.session();
        // "If the requested lifetime is zero, the server deletes the allocation"; otherwise it computes the
        // lifetime like Allocate does and answers with the value granted.
        Duration granted = s.allocation().refresh(Lifetime.of(r.message));
        if (granted.isZero()) {
            s.close();
        }
        r.succeed(List.of(Lifetime.encode(granted)));
    }
}
