package de.sprechzimmer.whiteboard.board;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test stand-in for the browser: makes version-1 envelopes the way whiteboard-crypto.js does (AES-GCM under a
 * session key the server never sees), so tests upload what a browser would.
 */
public final class Envelopes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec browserKey;

    public Envelopes() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        this.browserKey = new SecretKeySpec(k, "AES");
    }

    public byte[] seal(byte[] plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, browserKey, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plaintext);
            byte[] out = new byte[1 + 12 + ct.length];
            out[0] = 1;
            System.arraycopy(iv, 0, out, 1, 12);
            System.arraycopy(ct, 0, out, 13, ct.length);
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An envelope carrying {@code size} bytes of file. */
    public byte[] file(int size) {
        byte[] plain = new byte[size];
        RANDOM.nextBytes(plain);
        return seal(plain);
    }

    /** Encrypted metadata as the X-Whiteboard-Meta header carries it. */
    public String meta(String name) {
        String json = "{\"name\":\"" + name + "\",\"type\":\"application/pdf\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(seal(json.getBytes(StandardCharsets.UTF_8)));
    }
}
