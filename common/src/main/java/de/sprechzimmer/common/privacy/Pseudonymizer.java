package de.sprechzimmer.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed-hash pseudonyms: HMAC-SHA256(server secret, kind + ":" + id), base64url, 22 characters (128 bits).
 * The same id always gives the same pseudonym under one secret, so statistics can be grouped and filtered,
 * but without the secret a pseudonym cannot be traced back. The kind ("account", "practice") keeps
 * pseudonyms of different things apart.
 */
public final class Pseudonymizer {

    private final SecretKeySpec key;

    public Pseudonymizer(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("pseudonym secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String pseudonym(String kind, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
