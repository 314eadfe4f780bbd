package de.sprechzimmer.whiteboard.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM from the JDK. Sealed form: {@code 0x01 | nonce (12 bytes) | ciphertext | tag (16 bytes)}.
 * Every call draws a fresh random 96-bit nonce (NIST SP 800-38D §8.2.2); a session key seals a few hundred
 * items at most, far below the 2^32 bound for random nonces.
 */
public final class AesGcmCipher implements AtRestCipher {

    public static final AesGcmCipher INSTANCE = new AesGcmCipher();

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** Bytes a sealed item has more than its plaintext. */
    public static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmCipher() {
    }

    @Override
    public byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(key, nonce, aad, plaintext);
    }

    /** With a given nonce: only for the known-answer test. */
    static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            c.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            throw new SealedDataException("not a sealed item of version " + VERSION);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, 1, NONCE_BYTES));
            c.updateAAD(aad);
            return c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedDataException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
