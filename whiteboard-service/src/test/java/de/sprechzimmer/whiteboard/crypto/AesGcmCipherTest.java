package de.sprechzimmer.whiteboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmCipherTest {

    static final HexFormat HEX = HexFormat.of();
    final SecretKey key = new KeyWrap("a-test-secret-of-enough-length").newSessionKey();
    final AesGcmCipher cipher = AesGcmCipher.INSTANCE;

    @Test
    void matchesTheGcmSpecTestCase16() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", Appendix B, Test Case 16 (AES-256, 96-bit IV, AAD).
        SecretKey k = new SecretKeySpec(HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES");
        byte[] p = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] a = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] sealed = AesGcmCipher.seal(k, iv, a, p);
        assertThat(HEX.formatHex(sealed)).isEqualTo("01" + "cafebabefacedbaddecaf888"
                + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                + "76fc6ece0f4e1768cddf8853bb2d551b");
        assertThat(cipher.open(k, a, sealed)).isEqualTo(p);
    }

    @Test
    void sealedBytesHideThePlaintextAndOpenToIt() {
        byte[] plain = "Befundbericht: alles in Ordnung. ".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] aad = "aad".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = cipher.seal(key, aad, plain);
        assertThat(sealed).hasSize(plain.length + AesGcmCipher.OVERHEAD);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Befund");
        assertThat(cipher.open(key, aad, sealed)).isEqualTo(plain);
    }

    @Test
    void everySealUsesAFreshNonce() {
        byte[] plain = new byte[64];
        byte[] a = cipher.seal(key, new byte[0], plain);
        byte[] b = cipher.seal(key, new byte[0], plain);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void wrongAadWrongKeyAlteredOrTruncatedDataFailToOpen() {
        byte[] aad = "sz-wb-blob-v1\0s1\0f1".getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = cipher.seal(key, aad, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> cipher.open(key, "sz-wb-blob-v1\0s2\0f1".getBytes(StandardCharsets.US_ASCII), sealed))
                .isInstanceOf(SealedDataException.class);
        SecretKey other = new KeyWrap("a-test-secret-of-enough-length").newSessionKey();
        assertThatThrownBy(() -> cipher.open(other, aad, sealed)).isInstanceOf(SealedDataException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 20] ^= 1;
        assertThatThrownBy(() -> cipher.open(key, aad, altered)).isInstanceOf(SealedDataException.class);
        assertThatThrownBy(() -> cipher.open(key, aad, new byte[5])).isInstanceOf(SealedDataException.class);
        byte[] wrongVersion = sealed.clone();
        wrongVersion[0] = 2;
        assertThatThrownBy(() -> cipher.open(key, aad, wrongVersion)).isInstanceOf(SealedDataException.class);
    }
}
