package de.sprechzimmer.whiteboard.store;

/** What one session may hold at once. */
public record Quota(int maxFiles, long maxBytes) {

    public Quota {
        if (maxFiles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("quota must allow at least one file and one byte");
        }
    }
}
