package de.sprechzimmer.whiteboard.board;

import de.sprechzimmer.whiteboard.store.Quota;

/**
 * What the whiteboard of one session accepts, in original-file bytes (what the browser checks before it
 * encrypts). Sent to clients in the file list, so the browser can refuse early with the same numbers.
 */
public record Limits(long maxFileBytes, long maxSessionBytes, int maxFiles) {

    public Limits {
        if (maxFileBytes < 1 || maxSessionBytes < maxFileBytes || maxFiles < 1) {
            throw new IllegalArgumentException("limits need maxFileBytes >= 1, maxSessionBytes >= maxFileBytes, maxFiles >= 1");
        }
    }

    Quota quota() {
        return new Quota(maxFiles, maxSessionBytes);
    }
}
