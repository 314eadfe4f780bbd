package de.sprechzimmer.whiteboard.ids;

import java.util.regex.Pattern;

/**
 * A consultation session's id as the signaling server issues it ({@code s_...}): random, not personal data.
 * Restricted to a URL- and Redis-key-safe alphabet, so it can be embedded in keys and AAD without escaping.
 */
public record SessionId(String value) {

    static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SessionId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("session id must be 1-64 characters [A-Za-z0-9_-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
