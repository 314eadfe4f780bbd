package de.sprechzimmer.whiteboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmCipherTest {

    static final HexFormat HEX = HexFormat.of();
    static final int SEG = AesGcmCipher.SEGMENT_BYTES;
    final SecretKey key = new KeyWrap("a-test-secret-of-enough-length").newSessionKey();
    final AesGcmCipher cipher = AesGcmCipher.INSTANCE;
    final byte[] aad = "sz-wb-blob-v1\0s1\0f1".getBytes(StandardCharsets.US_ASCII);

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void segmentsAreGcmAsInTheSpecTestCase16() throws Exception {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", Appendix B, Test Case 16 (AES-256, 96-bit IV, AAD).
        SecretKey k = new SecretKeySpec(HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES");
        byte[] p = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] a = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        assertThat(HEX.formatHex(AesGcmCipher.sealSegment(k, iv, a, p))).isEqualTo(
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                + "76fc6ece0f4e1768cddf8853bb2d551b");
    }

    @Test
    void theSealedLayoutIsPrefixThenGcmSegmentsWithCounterAndLastFlag() throws Exception {
        byte[] plain = random(SEG + 100);
        byte[] sealed = cipher.seal(key, aad, plain);
        assertThat(sealed[0]).isEqualTo((byte) 1);
        byte[] prefix = Arrays.copyOfRange(sealed, 1, 8);
        // Open each segment by hand with the documented nonce: prefix | counter (4 bytes) | last flag.
        byte[] first = gcmOpen(Arrays.copyOfRange(sealed, 8, 8 + SEG + 16), nonce(prefix, 0, 0));
        byte[] second = gcmOpen(Arrays.copyOfRange(sealed, 8 + SEG + 16, sealed.length), nonce(prefix, 1, 1));
        assertThat(first).isEqualTo(Arrays.copyOfRange(plain, 0, SEG));
        assertThat(second).isEqualTo(Arrays.copyOfRange(plain, SEG, plain.length));
    }

    byte[] gcmOpen(byte[] segment, byte[] nonce) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        c.updateAAD(aad);
        return c.doFinal(segment);
    }

    static byte[] nonce(byte[] prefix, int counter, int last) {
        byte[] n = Arrays.copyOf(prefix, 12);
        n[10] = (byte) counter;
        n[11] = (byte) last;
        return n;
    }

    @Test
    void everyLengthRoundTripsAndHasTheDocumentedSize() {
        for (int n : new int[] {0, 1, 32, SEG - 1, SEG, SEG + 1, 2 * SEG, 3 * SEG + 7}) {
            byte[] plain = random(n);
            byte[] sealed = cipher.seal(key, aad, plain);
            assertThat((long) sealed.length).as("length for %d", n).isEqualTo(AesGcmCipher.sealedLength(n));
            assertThat(cipher.open(key, aad, sealed)).as("plaintext for %d", n).isEqualTo(plain);
        }
        assertThat(AesGcmCipher.sealedLength(0)).isEqualTo(24);
        assertThat(AesGcmCipher.sealedLength(20L * 1024 * 1024)).isEqualTo(8 + 20L * 1024 * 1024 + 320 * 16);
    }

    @Test
    void sealedBytesHideThePlaintext() {
        byte[] plain = "Befundbericht: alles in Ordnung. ".repeat(4000).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(key, aad, plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Befund");
    }

    @Test
    void everySealUsesAFreshNoncePrefix() {
        byte[] plain = new byte[64];
        assertThat(cipher.seal(key, aad, plain)).isNotEqualTo(cipher.seal(key, aad, plain));
    }

    @Test
    void wrongAadWrongKeyAlteredOrTruncatedDataFailToOpen() {
        byte[] sealed = cipher.seal(key, aad, new byte[] {1, 2, 3});
        assertFails(() -> cipher.open(key, "sz-wb-blob-v1\0s2\0f1".getBytes(StandardCharsets.US_ASCII), sealed));
        assertFails(() -> cipher.open(new KeyWrap("a-test-secret-of-enough-length").newSessionKey(), aad, sealed));
        byte[] altered = sealed.clone();
        altered[10] ^= 1;
        assertFails(() -> cipher.open(key, aad, altered));
        assertFails(() -> cipher.open(key, aad, new byte[5]));
        assertFails(() -> cipher.open(key, aad, Arrays.copyOf(sealed, sealed.length - 1)));
        byte[] wrongVersion = sealed.clone();
        wrongVersion[0] = 2;
        assertFails(() -> cipher.open(key, aad, wrongVersion));
    }

    @Test
    void segmentsCannotBeDroppedReorderedOrAppended() {
        byte[] sealed = cipher.seal(key, aad, random(3 * SEG));
        int s = SEG + 16;
        // Dropping the last segment: the new last one was not sealed as last.
        assertFails(() -> cipher.open(key, aad, Arrays.copyOf(sealed, 8 + 2 * s)));
        // Swapping the first two segments: counters no longer match.
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, 8, swapped, 8 + s, s);
        System.arraycopy(sealed, 8 + s, swapped, 8, s);
        assertFails(() -> cipher.open(key, aad, swapped));
        // Appending a segment of another item under the same key.
        byte[] other = cipher.seal(key, aad, random(10));
        byte[] appended = Arrays.copyOf(sealed, sealed.length + other.length - 8);
        System.arraycopy(other, 8, appended, sealed.length, other.length - 8);
        assertFails(() -> cipher.open(key, aad, appended));
    }

    static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SealedDataException.class);
    }
}
