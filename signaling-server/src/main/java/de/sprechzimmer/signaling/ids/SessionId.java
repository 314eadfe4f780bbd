package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a session: random, prefixed `s_`. */
public record SessionId(@JsonValue String value) {

    public SessionId {
        Ids.check("session", value);
    }

    @JsonCreator
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    public static SessionId random() {
        return new SessionId(Ids.random("s_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
