package de.sprechzimmer.turn.auth;

import de.sprechzimmer.common.turn.TurnCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Time-limited credentials of the TURN REST API scheme, the same scheme coturn's {@code use-auth-secret}
 * speaks: username {@code <expiry>:<id>}, password {@code base64(HMAC-SHA1(secret, username))}. Shares the
 * format with the signaling server through {@link TurnCredentials}.
 */
public final class RestApiCredentials implements Credentials {

    private final TurnCredentials credentials;
    private final Clock clock;

    public RestApiCredentials(String sharedSecret, Clock clock) {
        this.credentials = new TurnCredentials(sharedSecret, clock);
        this.clock = clock;
    }

    @Override
    public Optional<String> password(String username) {
        Optional<Instant> expiry = TurnCredentials.expiryOf(username);
        if (expiry.isEmpty()) {
            return Optional.empty();
        }
        if (!expiry.get().isAfter(clock.instant())) {
            throw new AuthException(AuthFailure.EXPIRED);
        }
        return Optional.of(credentials.password(username));
    }
}
