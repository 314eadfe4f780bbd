package de.sprechzimmer.whiteboard.store;

/** Outcome of {@link WhiteboardStore#put}: stored, or why nothing was stored. */
public enum PutResult {
    STORED,
    TOO_MANY_FILES,
    SESSION_FULL,
    /** The session's key is gone or was replaced (session ended or expired meanwhile): nothing stored. */
    KEY_CHANGED;

    public boolean stored() {
        return this == STORED;
    }
}
