package de.sprechzimmer.turn.allocation;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A channel binding (RFC 8656 §12): channel number to peer transport address, until it expires. It holds the
 * permission of its peer's IP address (which lapses on its own, after 300 s), so that relaying over the channel
 * checks that permission without a lookup. Confined to its allocation's event loop, like the allocation.
 */
public final class ChannelBinding {

    private final int number;
    private final InetSocketAddress peer;
    private final long expiresMillis;
    private Permission permission;

    ChannelBinding(int number, InetSocketAddress peer, long expiresMillis, Permission permission) {
        if (number < 0x4000 || number > 0x7FFF) {
            throw new IllegalArgumentException("channel number out of range");
        }
        this.number = number;
        this.peer = Objects.requireNonNull(peer, "peer");
        this.expiresMillis = expiresMillis;
        this.permission = Objects.requireNonNull(permission, "permission");
    }

    public int number() {
        return number;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public Instant expires() {
        return Instant.ofEpochMilli(expiresMillis);
    }

    boolean liveAt(long nowMillis) {
        return expiresMillis > nowMillis;
    }

    Permission permission() {
        return permission;
    }

    /** A lapsed permission of the peer's address was swept and a new one made: the binding follows it. */
    void permission(Permission current) {
        permission = current;
    }
}
