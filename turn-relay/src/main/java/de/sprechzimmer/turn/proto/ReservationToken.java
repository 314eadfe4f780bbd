package de.sprechzimmer.turn.proto;

import java.util.Optional;

/** RESERVATION-TOKEN (RFC 8656 §18.9): 8 opaque bytes naming a port reserved by an earlier EVEN-PORT. */
public final class ReservationToken {

    private ReservationToken() {
    }

    public static RawAttribute encode(long token) {
        byte[] v = new byte[8];
        StunEncoder.put32(v, 0, (int) (token >>> 32));
        StunEncoder.put32(v, 4, (int) token);
        return new RawAttribute(AttributeType.RESERVATION_TOKEN, v);
    }

    /** Empty when absent; 400 when not 8 bytes. */
    public static Optional<Long> of(StunMessage m) {
        return m.attribute(AttributeType.RESERVATION_TOKEN).map(a -> {
            if (a.value().length != 8) {
                throw StunException.badRequest("RESERVATION-TOKEN must be 8 bytes");
            }
            return ((long) StunDecoder.i32(a.value(), 0) << 32) | (StunDecoder.i32(a.value(), 4) & 0xFFFFFFFFL);
        });
    }
}
