package de.sprechzimmer.whiteboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.testing.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class KeyWrapTest {

    final SessionId s1 = new SessionId("s_one");

    @Test
    void nodesSharingTheSecretUnwrapEachOthersKeys() {
        KeyWrap nodeA = new KeyWrap("shared-secret-of-the-cluster");
        KeyWrap nodeB = new KeyWrap("shared-secret-of-the-cluster");
        SecretKey k = nodeA.newSessionKey();
        byte[] wrapped = nodeA.wrap(s1, k);
        assertThat(Bytes.contains(wrapped, k.getEncoded())).isFalse();
        assertThat(nodeB.unwrap(s1, wrapped).getEncoded()).isEqualTo(k.getEncoded());
    }

    @Test
    void anotherSecretOrAnotherSessionCannotUnwrap() {
        KeyWrap wrap = new KeyWrap("shared-secret-of-the-cluster");
        byte[] wrapped = wrap.wrap(s1, wrap.newSessionKey());
        assertThatThrownBy(() -> new KeyWrap("some-other-secret-entirely").unwrap(s1, wrapped))
                .isInstanceOf(SealedDataException.class);
        assertThatThrownBy(() -> wrap.unwrap(new SessionId("s_two"), wrapped)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void derivationIsHkdfSha256() {
        // RFC 5869 is implemented by Bouncy Castle; this pins our use of it (salt absent, fixed info) against
        // an independent computation, so a change of parameters cannot slip through and orphan stored keys.
        byte[] kek = KeyWrap.derive("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(kek)).isEqualTo(HkdfReference.hkdfSha256Hex(
                "0123456789abcdef", "sprechzimmer whiteboard key-encryption key v1"));
    }

    @Test
    void sessionKeysAreRandom256BitAesKeys() {
        KeyWrap wrap = new KeyWrap("shared-secret-of-the-cluster");
        SecretKey a = wrap.newSessionKey();
        assertThat(a.getEncoded()).hasSize(32);
        assertThat(a.getAlgorithm()).isEqualTo("AES");
        assertThat(a.getEncoded()).isNotEqualTo(wrap.newSessionKey().getEncoded());
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new KeyWrap("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
