package de.sprechzimmer.turn.allocation;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/** A permission (RFC 8656 §9): the peer IP address (ports do not count) and when it lapses. */
public record Permission(InetAddress peer, Instant expires) {

    public Permission {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(expires, "expires");
    }
}
