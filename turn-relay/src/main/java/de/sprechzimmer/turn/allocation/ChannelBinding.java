package de.sprechzimmer.turn.allocation;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/** A channel binding (RFC 8656 §12): channel number to peer transport address, until {@code expires}. */
public record ChannelBinding(int number, InetSocketAddress peer, Instant expires) {

    public ChannelBinding {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(expires, "expires");
        if (number < 0x4000 || number > 0x7FFF) {
            throw new IllegalArgumentException("channel number out of range");
        }
    }
}
