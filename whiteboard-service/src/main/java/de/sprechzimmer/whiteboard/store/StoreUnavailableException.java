package de.sprechzimmer.whiteboard.store;

/** The store cannot be reached or failed a command; the request fails with 503, nothing is half-written. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
