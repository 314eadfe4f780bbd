package de.sprechzimmer.turn.proto;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum MessageClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS(0b10),
    ERROR(0b11);

    private final int bits;

    MessageClass(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static MessageClass of(int bits) {
        return values()[bits];
    }
}
