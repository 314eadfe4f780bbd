package de.sprechzimmer.turn.proto;

import java.time.Duration;
import java.util.Optional;

/** LIFETIME (RFC 8656 §18.4): seconds, 32 bits unsigned. */
public final class Lifetime {

    private Lifetime() {
    }

    public static RawAttribute encode(Duration lifetime) {
        long s = Math.min(lifetime.getSeconds(), 0xFFFFFFFFL);
        byte[] v = new byte[4];
        StunEncoder.put32(v, 0, (int) s);
        return new RawAttribute(AttributeType.LIFETIME, v);
    }

    /** The requested lifetime, empty when absent; 400 when malformed. */
    public static Optional<Duration> of(StunMessage m) {
        return m.attribute(AttributeType.LIFETIME).map(a -> {
            if (a.value().length != 4) {
                throw StunException.badRequest("LIFETIME must be 4 bytes");
            }
            return Duration.ofSeconds(StunDecoder.i32(a.value(), 0) & 0xFFFFFFFFL);
        });
    }
}
