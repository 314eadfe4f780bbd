package de.sprechzimmer.turn.proto;

import java.nio.charset.StandardCharsets;

/** ERROR-CODE (RFC 8489 §14.8): 21 reserved bits, class (hundreds), number (0-99), UTF-8 reason phrase. */
public final class ErrorCodeAttribute {

    private ErrorCodeAttribute() {
    }

    public static byte[] encode(StunError error, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > 763) {
            throw new IllegalArgumentException("reason phrase too long");
        }
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (error.code() / 100);
        value[3] = (byte) (error.code() % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        return value;
    }

    public static RawAttribute of(StunError error) {
        return new RawAttribute(AttributeType.ERROR_CODE, encode(error, error.reason()));
    }

    /** The numeric code of an ERROR-CODE value (for clients and tests). */
    public static int code(byte[] value) {
        if (value.length < 4) {
            throw StunException.badRequest("ERROR-CODE too short");
        }
        return (value[2] & 0x07) * 100 + (value[3] & 0xFF);
    }
}
