package de.sprechzimmer.whiteboard.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM from the JDK, in segments of 64 KiB: the STREAM construction (Hoang, Reyhanitabar, Rogaway,
 * Vizár, "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015, §7), with the
 * nonce layout of Tink's AES-GCM streaming AEAD.
 *
 * <pre>
 * sealed  = 0x01 | prefix (7 random bytes) | segment_0 | ... | segment_n-1      n = max(1, ceil(len / 64 KiB))
 * segment = AES-GCM(key, nonce = prefix | i (4 bytes, big-endian) | last (1 byte: 1 on the last segment, else 0),
 *                   aad, up to 64 KiB of plaintext) = ciphertext | tag (16 bytes)
 * </pre>
 * The counter stops reordering, the last-flag stops truncation and appending, the AAD (the same for every
 * segment) binds the item to its place. Why segments: the JDK 17 provider handles one large {@code doFinal}
 * (megabytes) on a slow path on this platform (about 15-35 MB/s measured), while 64 KiB calls run on the
 * AES and GHASH intrinsics (hundreds of MB/s; bench/whiteboard).
 *
 * <p>Nonces: a fresh random 56-bit prefix per item. A session key seals a few hundred items at most, so the
 * chance that two items share a prefix is below 2^-40.
 */
public final class AesGcmCipher implements AtRestCipher {

    public static final AesGcmCipher INSTANCE = new AesGcmCipher();

    static final byte VERSION = 1;
    static final int PREFIX_BYTES = 7;
    static final int HEADER_BYTES = 1 + PREFIX_BYTES;
    static final int TAG_BYTES = 16;
    static final int SEGMENT_BYTES = 64 * 1024;
    private static final int SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmCipher() {
    }

    /** Length of the sealed form of {@code plainLength} bytes. */
    public static long sealedLength(long plainLength) {
        long segments = Math.max(1, (plainLength + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        return HEADER_BYTES + plainLength + segments * TAG_BYTES;
    }

    @Override
    public byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) {
        int segments = Math.max(1, (plaintext.length + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
        byte[] out = new byte[Math.toIntExact(sealedLength(plaintext.length))];
        out[0] = VERSION;
        byte[] prefix = new byte[PREFIX_BYTES];
        RANDOM.nextBytes(prefix);
        System.arraycopy(prefix, 0, out, 1, PREFIX_BYTES);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            int in = 0;
            int at = HEADER_BYTES;
            for (int i = 0; i < segments; i++) {
                int len = Math.min(SEGMENT_BYTES, plaintext.length - in);
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(prefix, i, i == segments - 1)));
                c.updateAAD(aad);
                at += c.doFinal(plaintext, in, len, out, at);
                in += len;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
        if (sealed.length < HEADER_BYTES + TAG_BYTES || sealed[0] != VERSION) {
            throw new SealedDataException("not a sealed item of version " + VERSION);
        }
        int body = sealed.length - HEADER_BYTES;
        int segments = (body + SEALED_SEGMENT_BYTES - 1) / SEALED_SEGMENT_BYTES;
        int lastSealed = body - (segments - 1) * SEALED_SEGMENT_BYTES;
        if (lastSealed < TAG_BYTES) {
            throw new SealedDataException("sealed item truncated inside a segment");
        }
        byte[] prefix = new byte[PREFIX_BYTES];
        System.arraycopy(sealed, 1, prefix, 0, PREFIX_BYTES);
        byte[] out = new byte[body - segments * TAG_BYTES];
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            int in = HEADER_BYTES;
            int at = 0;
            for (int i = 0; i < segments; i++) {
                int len = i == segments - 1 ? lastSealed : SEALED_SEGMENT_BYTES;
                c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(prefix, i, i == segments - 1)));
                c.updateAAD(aad);
                at += c.doFinal(sealed, in, len, out, at);
                in += len;
            }
            return out;
        } catch (AEADBadTagException e) {
            throw new SealedDataException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] nonce(byte[] prefix, int segment, boolean last) {
        byte[] n = new byte[12];
        System.arraycopy(prefix, 0, n, 0, PREFIX_BYTES);
        n[7] = (byte) (segment >>> 24);
        n[8] = (byte) (segment >>> 16);
        n[9] = (byte) (segment >>> 8);
        n[10] = (byte) segment;
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }

    /** One segment with a given nonce: only for the known-answer test of the GCM primitive. */
    static byte[] sealSegment(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(aad);
        return c.doFinal(plaintext);
    }
}
