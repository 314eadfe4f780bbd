package de.sprechzimmer.signaling.protocol;

/** A request the server refuses with a stable {@link ErrorCode}; the message holds no personal data. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
