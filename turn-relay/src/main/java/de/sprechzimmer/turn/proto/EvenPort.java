package de.sprechzimmer.turn.proto;

import java.util.Optional;

/** EVEN-PORT (RFC 8656 §18.6): one byte whose top bit R asks to reserve the next port too. */
public final class EvenPort {

    private EvenPort() {
    }

    public static RawAttribute encode(boolean reserveNext) {
        return new RawAttribute(AttributeType.EVEN_PORT, new byte[] {(byte) (reserveNext ? 0x80 : 0)});
    }

    /** Empty when absent; otherwise whether R is set. 400 when malformed. */
    public static Optional<Boolean> reserveNext(StunMessage m) {
        return m.attribute(AttributeType.EVEN_PORT).map(a -> {
            if (a.value().length != 1) {
                throw StunException.badRequest("EVEN-PORT must be 1 byte");
            }
            return (a.value()[0] & 0x80) != 0;
        });
    }
}
