package de.sprechzimmer.turn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.Integrity;
import de.sprechzimmer.turn.proto.MessageIntegrity;
import de.sprechzimmer.turn.proto.MessageType;
import de.sprechzimmer.turn.proto.Method;
import de.sprechzimmer.turn.proto.StunDecoder;
import de.sprechzimmer.turn.proto.StunEncoder;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import de.sprechzimmer.turn.proto.TransactionId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String SECRET = "a-shared-secret-of-enough-length";
    private final ManualClock clock = new ManualClock();
    private final Authenticator auth = new Authenticator("sprechzimmer", new Nonces(clock, Duration.ofMinutes(10)),
            List.of(new RestApiCredentials(SECRET, clock), new StaticUsers(Map.of("alice", "wonderland"))));

    private StunMessage request(String username, String realm, String nonce, String password, Integrity.Algorithm alg) {
        StunMessage m = StunMessage.builder(MessageType.request(Method.ALLOCATE), TransactionId.random())
                .add(TextAttribute.encode(AttributeType.USERNAME, username))
                .add(TextAttribute.encode(AttributeType.REALM, realm))
                .add(TextAttribute.encode(AttributeType.NONCE, nonce))
                .build();
        byte[] key = MessageIntegrity.longTermKey(username, realm, password);
        return StunDecoder.decode(StunEncoder.encode(m, new Integrity(alg, key), true));
    }

    @Test
    void restApiCredentialsFromTheSignalingFormatAuthenticate() {
        TurnCredentials.Credential c = new TurnCredentials(SECRET, clock).issue("p1", Duration.ofHours(1));
        String nonce = auth.freshNonce();
        for (Integrity.Algorithm alg : Integrity.Algorithm.values()) {
            Authenticator.Authenticated a = auth.authenticate(request(c.username(), "sprechzimmer", nonce, c.password(), alg));
            assertThat(a.username()).isEqualTo(c.username());
            assertThat(a.integrity().algorithm()).isEqualTo(alg);
        }
    }

    @Test
    void staticUsersAuthenticate() {
        assertThat(auth.authenticate(request("alice", "sprechzimmer", auth.freshNonce(), "wonderland", Integrity.Algorithm.SHA1))
                .username()).isEqualTo("alice");
    }

    @Test
    void failuresCarryTheirRfcReason() {
        TurnCredentials.Credential c = new TurnCredentials(SECRET, clock).issue("p1", Duration.ofMinutes(5));
        String nonce = auth.freshNonce();
        StunMessage bare = StunDecoder.decode(StunEncoder.encode(
                StunMessage.builder(MessageType.request(Method.ALLOCATE), TransactionId.random()).build(), null, false));
        assertFailure(bare, AuthFailure.CHALLENGE);
        assertFailure(request(c.username(), "sprechzimmer", nonce, "wrong", Integrity.Algorithm.SHA1), AuthFailure.BAD_INTEGRITY);
        assertFailure(request("nobody", "sprechzimmer", nonce, "x", Integrity.Algorithm.SHA1), AuthFailure.UNKNOWN_USER);
        assertFailure(request("alice", "elsewhere", nonce, "wonderland", Integrity.Algorithm.SHA1), AuthFailure.WRONG_REALM);
        assertFailure(request("alice", "sprechzimmer", "not-our-nonce", "wonderland", Integrity.Algorithm.SHA1), AuthFailure.STALE_NONCE);
        clock.advance(Duration.ofMinutes(5));
        assertFailure(request(c.username(), "sprechzimmer", auth.freshNonce(), c.password(), Integrity.Algorithm.SHA1), AuthFailure.EXPIRED);
    }

    @Test
    void noncesGoStaleOnTheClock() {
        String nonce = auth.freshNonce();
        clock.advance(Duration.ofMinutes(9));
        assertThat(auth.authenticate(request("alice", "sprechzimmer", nonce, "wonderland", Integrity.Algorithm.SHA1))).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        assertFailure(request("alice", "sprechzimmer", nonce, "wonderland", Integrity.Algorithm.SHA1), AuthFailure.STALE_NONCE);
    }

    @Test
    void staticUsersParseAndRejectMalformedLists() {
        assertThat(StaticUsers.parse("a:b, c:d:e").password("c")).contains("d:e");
        assertThatThrownBy(() -> StaticUsers.parse("nopassword")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertFailure(StunMessage m, AuthFailure expected) {
        assertThatThrownBy(() -> auth.authenticate(m)).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
