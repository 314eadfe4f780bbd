package de.sprechzimmer.common.turn;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    @Test
    void passwordIsBase64HmacSha1OfUsernameAsCoturnComputesIt() {
        // printf '1893456000:test-user' | openssl dgst -sha1 -hmac sprechzimmer-test-secret -binary | base64
        TurnCredentials c = new TurnCredentials("sprechzimmer-test-secret", new ManualClock());
        assertThat(c.password("1893456000:test-user")).isEqualTo("7ffoCeNdUpJNftK6r0vYrPkz+mM=");
    }

    @Test
    void issuedCredentialVerifiesUntilItExpires() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        TurnCredentials c = new TurnCredentials("sprechzimmer-test-secret", clock);
        TurnCredentials.Credential cred = c.issue("p-1234", Duration.ofMinutes(10));
        assertThat(cred.username()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z").getEpochSecond() + ":p-1234");
        assertThat(c.verify(cred.username(), cred.password())).isTrue();
        assertThat(c.verify(cred.username(), "wrong")).isFalse();
        clock.advance(Duration.ofMinutes(10));
        assertThat(c.verify(cred.username(), cred.password())).isFalse();
    }

    @Test
    void nonRestUsernamesHaveNoExpiry() {
        assertThat(TurnCredentials.expiryOf("alice")).isEmpty();
        assertThat(TurnCredentials.expiryOf("12x:alice")).isEmpty();
        assertThat(TurnCredentials.expiryOf("1700000000")).contains(Instant.ofEpochSecond(1700000000));
    }
}
