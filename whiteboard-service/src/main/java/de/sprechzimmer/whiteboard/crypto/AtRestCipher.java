package de.sprechzimmer.whiteboard.crypto;

import javax.crypto.SecretKey;

/**
 * Seals what the service stores under a session's at-rest key. The one production implementation is
 * {@link AesGcmCipher}; the interface exists so that the benchmark can measure the cost of that layer
 * against a pass-through variant that lives only in the benchmark.
 */
public interface AtRestCipher {

    /** {@code plaintext} sealed under {@code key}, authenticated together with {@code aad}. */
    byte[] seal(SecretKey key, byte[] aad, byte[] plaintext);

    /**
     * The plaintext of {@code sealed}.
     *
     * @throws SealedDataException when the data was not sealed under this key and AAD, or was altered
     */
    byte[] open(SecretKey key, byte[] aad, byte[] sealed);
}
