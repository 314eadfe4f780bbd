package de.sprechzimmer.signaling.session;

/** A participant's role in the protocol ({@code welcome.data.role}, {@code peers[].role}). */
public enum Role {
    DOCTOR("doctor"),
    GUEST("guest");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }
}
