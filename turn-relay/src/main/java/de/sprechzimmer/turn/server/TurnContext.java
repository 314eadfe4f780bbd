package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.AllocationCounters;
import de.sprechzimmer.turn.allocation.RelayPorts;
import de.sprechzimmer.turn.auth.Authenticator;
import java.time.Clock;

/** What the method handlers share. */
record TurnContext(ServerConfig config, Authenticator auth, RelayPorts ports, RelaySockets sockets, Sessions sessions,
                   AllocationCounters counters, TurnMetrics metrics, Clock clock) {
}
