package de.sprechzimmer.whiteboard.access;

/** Where a participant stands with its session, as far as revocation goes. */
public enum Standing {
    ACTIVE,
    /** The session ended: nobody's ticket of it works any more. */
    SESSION_ENDED,
    /** This participant lost access (left, removed, guest token revoked). */
    REVOKED
}
