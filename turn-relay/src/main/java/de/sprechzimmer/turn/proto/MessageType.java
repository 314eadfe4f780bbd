package de.sprechzimmer.turn.proto;

import java.util.Objects;

/**
 * A STUN message type: method and class interleaved in 14 bits (RFC 8489 §5, figure 3):
 * {@code M11..M7 C1 M6..M4 C0 M3..M0}.
 */
public record MessageType(Method method, MessageClass messageClass) {

    public MessageType {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(messageClass, "messageClass");
    }

    public static MessageType request(Method m) {
        return new MessageType(m, MessageClass.REQUEST);
    }

    public MessageType success() {
        return new MessageType(method, MessageClass.SUCCESS);
    }

    public MessageType error() {
        return new MessageType(method, MessageClass.ERROR);
    }

    int encode() {
        return encode(method.code(), messageClass.bits());
    }

    static int encode(int m, int c) {
        return (m & 0x000F) | ((c & 0b01) << 4) | ((m & 0x0070) << 1) | ((c & 0b10) << 7) | ((m & 0x0F80) << 2);
    }

    /** The 12-bit method code of a 14-bit type field. */
    static int methodCode(int type) {
        return (type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80);
    }

    static int classBits(int type) {
        return ((type >> 4) & 0b01) | ((type >> 7) & 0b10);
    }
}
