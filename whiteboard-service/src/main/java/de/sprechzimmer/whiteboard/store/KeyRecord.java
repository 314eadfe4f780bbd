package de.sprechzimmer.whiteboard.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A session's at-rest key as the store keeps it: wrapped (sealed under the key-encryption key, never in the
 * clear) and the session's hard-expiry deadline, after which everything of the session goes.
 *
 * @param wrappedKey the sealed session key
 * @param deadline   hard expiry of the session's files
 */
public record KeyRecord(byte[] wrappedKey, Instant deadline) {

    public KeyRecord {
        Objects.requireNonNull(deadline, "deadline");
        if (wrappedKey == null || wrappedKey.length == 0) {
            throw new IllegalArgumentException("wrapped key missing");
        }
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    /** Stored form: deadline (epoch milliseconds, 8 bytes big-endian), then the wrapped key. */
    byte[] encode() {
        return ByteBuffer.allocate(8 + wrappedKey.length).putLong(deadline.toEpochMilli()).put(wrappedKey).array();
    }

    static KeyRecord decode(byte[] stored) {
        if (stored.length <= 8) {
            throw new IllegalStateException("stored key record too short");
        }
        ByteBuffer b = ByteBuffer.wrap(stored);
        Instant deadline = Instant.ofEpochMilli(b.getLong());
        return new KeyRecord(Arrays.copyOfRange(stored, 8, stored.length), deadline);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRecord k && Arrays.equals(wrappedKey, k.wrappedKey) && deadline.equals(k.deadline);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wrappedKey) + deadline.hashCode();
    }

    @Override
    public String toString() {
        return "KeyRecord[deadline=" + deadline + "]";
    }
}
