package de.sprechzimmer.stats.event;

/** An event refused for {@link #reason()}; the message names the field, never its value. */
public final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Rejection reason;

    public InvalidEventException(Rejection reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Rejection reason() {
        return reason;
    }
}
