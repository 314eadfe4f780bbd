package de.sprechzimmer.bench.whiteboard;

import de.sprechzimmer.whiteboard.crypto.AtRestCipher;
import javax.crypto.SecretKey;

/** Benchmark only: no at-rest encryption, to measure what {@code AesGcmCipher} costs. Never used by the service. */
final class PlainCipher implements AtRestCipher {

    static final PlainCipher INSTANCE = new PlainCipher();

    @Override
    public byte[] seal(SecretKey key, byte[] aad, byte[] plaintext) {
        return plaintext;
    }

    @Override
    public byte[] open(SecretKey key, byte[] aad, byte[] sealed) {
        return sealed;
    }
}
