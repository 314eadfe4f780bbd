package de.sprechzimmer.signaling.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an account may do in its practice. */
public enum Role {
    PROVIDER("provider"),
    PRACTICE_ADMIN("practice_admin");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Role of(String wire) {
        for (Role r : values()) {
            if (r.wire.equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role: " + (wire == null ? "null" : wire.replaceAll("[^a-z_]", "?")));
    }
}
