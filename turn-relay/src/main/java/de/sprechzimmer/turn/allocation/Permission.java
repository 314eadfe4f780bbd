package de.sprechzimmer.turn.allocation;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A permission (RFC 8656 §9): the peer IP address (ports do not count) and when it lapses. Refreshed in place, so
 * that the channel bindings to its address can hold it and a relayed packet checks it without a map lookup.
 * Confined to its allocation's event loop, like the allocation.
 */
public final class Permission {

    private final InetAddress peer;
    private long expiresMillis;

    Permission(InetAddress peer, long expiresMillis) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.expiresMillis = expiresMillis;
    }

    public InetAddress peer() {
        return peer;
    }

    public Instant expires() {
        return Instant.ofEpochMilli(expiresMillis);
    }

    boolean liveAt(long nowMillis) {
        return expiresMillis > nowMillis;
    }

    void extendTo(long millis) {
        expiresMillis = millis;
    }
}
