package de.sprechzimmer.turn.proto;

import java.util.Objects;

/**
 * A request that must be answered with an error response. Carries no stack trace: it is control flow for bad
 * input, which is expected and frequent on a public port.
 */
public final class StunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StunError error;

    public StunException(StunError error, String detail) {
        super(detail, null, false, false);
        this.error = Objects.requireNonNull(error);
    }

    public StunError error() {
        return error;
    }

    public static StunException badRequest(String detail) {
        return new StunException(StunError.BAD_REQUEST, detail);
    }
}
