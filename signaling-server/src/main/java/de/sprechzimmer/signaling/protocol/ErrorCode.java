package de.sprechzimmer.signaling.protocol;

/** The stable error codes of the signaling protocol (docs/signaling-protocol.md, "Errors"). Clients switch on {@link #wire()}. */
public enum ErrorCode {
    INVALID_JSON("invalid_json"),
    INVALID_MESSAGE("invalid_message"),
    UNSUPPORTED_VERSION("unsupported_version"),
    UNKNOWN_TYPE("unknown_type"),
    AUTH_REQUIRED("auth_required"),
    AUTH_TIMEOUT("auth_timeout"),
    UNAUTHORIZED("unauthorized"),
    TOKEN_REVOKED("token_revoked"),
    INVALID_RESUME("invalid_resume"),
    FORBIDDEN("forbidden"),
    UNKNOWN_GUEST("unknown_guest"),
    NOT_IN_SESSION("not_in_session"),
    UNKNOWN_PEER("unknown_peer"),
    RATE_LIMITED("rate_limited"),
    SESSION_FULL("session_full"),
    INVALID_TELEMETRY("invalid_telemetry"),
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
