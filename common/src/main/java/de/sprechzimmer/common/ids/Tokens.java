package de.sprechzimmer.common.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer tokens and ids. Stores keep only {@link #hash(String)} of a token, never the token itself. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** 256 random bits, URL-safe base64 (43 characters). */
    public static String random() {
        return randomBytes(32);
    }

    /** A shorter random id (128 bits), for ids that are not secrets. */
    public static String id() {
        return randomBytes(16);
    }

    public static String randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** SHA-256 of the token, URL-safe base64: the form a store may keep. */
    public static String hash(String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return B64.encodeToString(md.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two strings. */
    public static boolean equalsConstantTime(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
