package de.sprechzimmer.turn.proto;

import java.util.Objects;

/**
 * The key and algorithm with which a message is signed: MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) or
 * MESSAGE-INTEGRITY-SHA256 (§14.6). A response is signed the way its request was.
 */
public record Integrity(Algorithm algorithm, byte[] key) {

    public Integrity {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
    }

    public enum Algorithm {
        SHA1(AttributeType.MESSAGE_INTEGRITY, "HmacSHA1", 20),
        SHA256(AttributeType.MESSAGE_INTEGRITY_SHA256, "HmacSHA256", 32);

        final int attributeType;
        final String jcaName;
        final int length;

        Algorithm(int attributeType, String jcaName, int length) {
            this.attributeType = attributeType;
            this.jcaName = jcaName;
            this.length = length;
        }
    }
}
