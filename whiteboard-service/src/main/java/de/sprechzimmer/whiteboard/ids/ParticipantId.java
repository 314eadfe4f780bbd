package de.sprechzimmer.whiteboard.ids;

/** A participant of a session as the signaling server names it ({@code p_...}): random, not personal data. */
public record ParticipantId(String value) {

    public ParticipantId {
        if (value == null || !SessionId.FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("participant id must be 1-64 characters [A-Za-z0-9_-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
