package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a room: random, prefixed `r_`. */
public record RoomId(@JsonValue String value) {

    public RoomId {
        Ids.check("room", value);
    }

    @JsonCreator
    public static RoomId of(String value) {
        return new RoomId(value);
    }

    public static RoomId random() {
        return new RoomId(Ids.random("r_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
