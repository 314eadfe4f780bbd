package de.sprechzimmer.turn.proto;

import java.util.Optional;
import java.util.zip.CRC32;

/** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, XOR 0x5354554E. */
public final class Fingerprint {

    static final int XOR = 0x5354554E;

    private Fingerprint() {
    }

    /** Empty when the message has no FINGERPRINT, else whether it matches. */
    public static Optional<Boolean> check(StunMessage m) {
        Optional<RawAttribute> attr = m.attribute(AttributeType.FINGERPRINT);
        if (attr.isEmpty()) {
            return Optional.empty();
        }
        byte[] wire = m.wire().orElseThrow(() -> new IllegalArgumentException("not a decoded message"));
        byte[] value = attr.get().value();
        return Optional.of(value.length == 4 && StunDecoder.i32(value, 0) == compute(wire, attr.get().offset()));
    }

    /** The CRC over {@code wire[0, offset)} with the header length counting the 8-byte FINGERPRINT attribute. */
    static int compute(byte[] wire, int offset) {
        int adjusted = offset - StunMessage.HEADER_LENGTH + 8;
        CRC32 crc = new CRC32();
        crc.update(wire, 0, 2);
        crc.update(adjusted >> 8);
        crc.update(adjusted);
        crc.update(wire, 4, offset - 4);
        return (int) crc.getValue() ^ XOR;
    }
}
