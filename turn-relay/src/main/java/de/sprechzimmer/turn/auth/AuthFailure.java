package de.sprechzimmer.turn.auth;

import de.sprechzimmer.turn.proto.StunError;
import java.util.Locale;

/**
 * Why a request was not authenticated (RFC 8489 §9.2.4, RFC 8656 §5): the metrics label {@code reason} and
 * the error the client sees.
 */
public enum AuthFailure {
    /** No MESSAGE-INTEGRITY: the normal first round trip, answered with a challenge. */
    CHALLENGE(StunError.UNAUTHENTICATED),
    /** Integrity present but USERNAME, REALM or NONCE missing or malformed. */
    MALFORMED(StunError.BAD_REQUEST),
    STALE_NONCE(StunError.STALE_NONCE),
    WRONG_REALM(StunError.UNAUTHENTICATED),
    UNKNOWN_USER(StunError.UNAUTHENTICATED),
    /** A REST API username whose expiry has passed. */
    EXPIRED(StunError.UNAUTHENTICATED),
    BAD_INTEGRITY(StunError.UNAUTHENTICATED),
    /** Another username than the one that created the allocation (RFC 8656 §5: 441). */
    WRONG_CREDENTIALS(StunError.WRONG_CREDENTIALS);

    private final StunError error;

    AuthFailure(StunError error) {
        this.error = error;
    }

    public StunError error() {
        return error;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
