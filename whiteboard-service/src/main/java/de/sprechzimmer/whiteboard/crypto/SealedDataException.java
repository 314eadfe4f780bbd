package de.sprechzimmer.whiteboard.crypto;

/** Sealed data failed authentication: wrong key, wrong AAD (moved to another session or file), or altered. */
public final class SealedDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealedDataException(String message) {
        super(message);
    }
}
