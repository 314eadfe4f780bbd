package de.sprechzimmer.turn.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless, expiring nonces (RFC 8489 §9.2): {@code <expiry seconds, hex><HMAC-SHA256(key, expiry), 16 bytes hex>}.
 * The relay keeps no nonce table, so a flood of unauthenticated requests costs no memory. The key is random per
 * process: after a restart clients get a 438 and retry with a fresh nonce.
 */
public final class Nonces {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final Duration validity;
    private final SecretKeySpec key;

    public Nonces(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    public String issue() {
        long expiry = clock.instant().plus(validity).getEpochSecond();
        String head = String.format("%016x", expiry);
        return head + HEX.formatHex(mac(head));
    }

    /** True when {@code nonce} was issued here and has not expired. */
    public boolean valid(String nonce) {
        if (nonce.length() != 48) {
            return false;
        }
        String head = nonce.substring(0, 16);
        byte[] tag;
        long expiry;
        try {
            tag = HEX.parseHex(nonce.substring(16));
            expiry = Long.parseUnsignedLong(head, 16);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(tag, mac(head)) && expiry > clock.instant().getEpochSecond();
    }

    private byte[] mac(String head) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(head.getBytes(StandardCharsets.US_ASCII)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
