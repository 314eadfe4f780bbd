package de.sprechzimmer.bench.whiteboard;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** What a browser would upload: version-1 envelopes and encrypted metadata (random bytes of the right shape). */
final class Payloads {

    private Payloads() {
    }

    static byte[] envelope(int fileBytes) {
        byte[] b = new byte[fileBytes + 29];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] = 1;
        return b;
    }

    static String meta() {
        byte[] b = new byte[120];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] = 1;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
