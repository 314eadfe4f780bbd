package de.sprechzimmer.turn.proto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.5, §14.6): compute and verify. */
public final class MessageIntegrity {

    private MessageIntegrity() {
    }

    /**
     * The long-term credential key (RFC 8489 §9.2.2, MD5 algorithm): MD5(username ":" realm ":" password).
     * SASLprep/OpaqueString is not applied; REST API usernames and passwords are ASCII.
     */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The integrity attribute a decoded message carries, SHA256 first (RFC 8489 §9.2.4 prefers it). */
    public static Optional<Integrity.Algorithm> algorithmOf(StunMessage m) {
        if (m.has(AttributeType.MESSAGE_INTEGRITY_SHA256)) {
            return Optional.of(Integrity.Algorithm.SHA256);
        }
        if (m.has(AttributeType.MESSAGE_INTEGRITY)) {
            return Optional.of(Integrity.Algorithm.SHA1);
        }
        return Optional.empty();
    }

    /** True when the decoded message's integrity attribute of {@code algorithm} matches {@code key}. */
    public static boolean verify(StunMessage m, Integrity.Algorithm algorithm, byte[] key) {
        byte[] wire = m.wire().orElseThrow(() -> new IllegalArgumentException("not a decoded message"));
        Optional<RawAttribute> attr = m.attribute(algorithm.attributeType);
        if (attr.isEmpty()) {
            return false;
        }
        byte[] value = attr.get().value();
        // RFC 8489 §14.6: the SHA256 value may be truncated to 16..32 bytes in steps of 4.
        boolean lengthOk = algorithm == Integrity.Algorithm.SHA1 ? value.length == 20
                : value.length >= 16 && value.length <= 32 && value.length % 4 == 0;
        if (!lengthOk) {
            return false;
        }
        byte[] mac = compute(wire, attr.get().offset(), algorithm, key, value.length);
        return MessageDigest.isEqual(mac, value);
    }

    /**
     * The HMAC over {@code wire[0, offset)} with the header length set as if the integrity attribute of
     * {@code valueLength} bytes ended the message (RFC 8489 §14.5).
     */
    static byte[] compute(byte[] wire, int offset, Integrity.Algorithm algorithm, byte[] key, int valueLength) {
        byte[] prefix = Arrays.copyOf(wire, offset);
        int adjusted = offset - StunMessage.HEADER_LENGTH + 4 + valueLength;
        prefix[2] = (byte) (adjusted >> 8);
        prefix[3] = (byte) adjusted;
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            return Arrays.copyOf(mac.doFinal(prefix), valueLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
