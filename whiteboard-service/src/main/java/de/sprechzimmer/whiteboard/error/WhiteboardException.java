package de.sprechzimmer.whiteboard.error;

/** A request fails with {@link #error()}; the API layer turns it into the JSON error answer. */
public final class WhiteboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient WhiteboardError error;

    public WhiteboardException(WhiteboardError error) {
        super(error.code(), null, false, false);
        this.error = error;
    }

    public WhiteboardError error() {
        return error;
    }
}
