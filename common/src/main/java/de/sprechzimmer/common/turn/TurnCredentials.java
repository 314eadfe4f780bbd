package de.sprechzimmer.common.turn;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the "TURN REST API" scheme (draft-uberti-behave-turn-rest-00), the scheme
 * coturn's {@code use-auth-secret} speaks: username = {@code <expiry unix seconds>:<pseudonymous id>},
 * password = base64(HMAC-SHA1(shared secret, username)). The signaling server issues them, any TURN server
 * holding the same secret verifies them without shared state.
 */
public final class TurnCredentials {

    private final byte[] secret;
    private final Clock clock;

    public TurnCredentials(String sharedSecret, Clock clock) {
        Objects.requireNonNull(sharedSecret, "sharedSecret");
        if (sharedSecret.length() < 16) {
            throw new IllegalArgumentException("TURN secret must be at least 16 characters");
        }
        this.secret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A username/password pair valid for {@code validity} from now. {@code id} must not be personal data. */
    public Credential issue(String id, Duration validity) {
        if (id.indexOf(':') >= 0) {
            throw new IllegalArgumentException("id must not contain ':'");
        }
        long expiry = clock.instant().plus(validity).getEpochSecond();
        String username = expiry + ":" + id;
        return new Credential(username, password(username), Instant.ofEpochSecond(expiry));
    }

    /** The password that belongs to {@code username}: what a TURN server derives to check MESSAGE-INTEGRITY. */
    public String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expiry encoded in a REST API username, or empty when the username has no such form. */
    public static Optional<Instant> expiryOf(String username) {
        int colon = username.indexOf(':');
        String head = colon < 0 ? username : username.substring(0, colon);
        if (head.isEmpty() || head.length() > 12) {
            return Optional.empty();
        }
        for (int i = 0; i < head.length(); i++) {
            if (!Character.isDigit(head.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(head)));
    }

    /** True when {@code username} is of the REST form, not expired, and {@code password} matches. */
    public boolean verify(String username, String password) {
        Optional<Instant> expiry = expiryOf(username);
        if (expiry.isEmpty() || !expiry.get().isAfter(clock.instant())) {
            return false;
        }
        return MessageDigest.isEqual(password(username).getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    /** One issued credential. */
    public record Credential(String username, String password, Instant expires) {
    }
}
