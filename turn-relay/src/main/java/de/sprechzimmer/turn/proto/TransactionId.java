package de.sprechzimmer.turn.proto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The 96-bit transaction id of a STUN message (RFC 8489 §5). */
public final class TransactionId {

    public static final int LENGTH = 12;

    private final byte[] bytes;

    public TransactionId(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A fresh id; uniqueness, not secrecy, is what RFC 8489 asks for indications the server originates. */
    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        ThreadLocalRandom.current().nextBytes(b);
        return new TransactionId(b);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte byteAt(int i) {
        return bytes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
