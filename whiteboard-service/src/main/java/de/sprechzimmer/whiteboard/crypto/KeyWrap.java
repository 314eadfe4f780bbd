package de.sprechzimmer.whiteboard.crypto;

import de.sprechzimmer.whiteboard.ids.SessionId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Makes and wraps the per-session at-rest keys. A session key never reaches the store in the clear: it is
 * sealed (AES-256-GCM, AAD = its session id) under a key-encryption key that lives only in the service's
 * memory, derived with HKDF-SHA256 (RFC 5869) from {@code whiteboard-key-secret}. A copy of the store alone
 * (Redis dump, replica, swap) therefore opens nothing; deleting the wrapped key makes the session's blobs
 * unreadable even to the service.
 */
public final class KeyWrap {

    private static final byte[] INFO = "sprechzimmer whiteboard key-encryption key v1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey kek;

    public KeyWrap(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("whiteboard key secret must be at least 16 characters");
        }
        this.kek = new SecretKeySpec(derive(secret.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    static byte[] derive(byte[] secret) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, null, INFO));
        byte[] out = new byte[KEY_BYTES];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    /** A fresh random AES-256 key for one session. */
    public SecretKey newSessionKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    public byte[] wrap(SessionId session, SecretKey key) {
        return AesGcmCipher.INSTANCE.seal(kek, Aad.sessionKey(session), key.getEncoded());
    }

    /** @throws SealedDataException when {@code wrapped} is not a key of {@code session} under this secret */
    public SecretKey unwrap(SessionId session, byte[] wrapped) {
        byte[] k = AesGcmCipher.INSTANCE.open(kek, Aad.sessionKey(session), wrapped);
        if (k.length != KEY_BYTES) {
            throw new SealedDataException("wrapped key has the wrong length");
        }
        return new SecretKeySpec(k, "AES");
    }
}
