package de.sprechzimmer.turn.auth;

/** A request failed authentication; answered with {@link AuthFailure#error()} and, for 401/438, REALM and NONCE. */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AuthFailure failure;

    public AuthException(AuthFailure failure) {
        super(failure.label(), null, false, false);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }
}
