package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a code: random, prefixed `c_`. */
public record CodeId(@JsonValue String value) {

    public CodeId {
        Ids.check("code", value);
    }

    @JsonCreator
    public static CodeId of(String value) {
        return new CodeId(value);
    }

    public static CodeId random() {
        return new CodeId(Ids.random("c_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
