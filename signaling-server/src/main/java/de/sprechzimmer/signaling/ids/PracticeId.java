package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a practice: random, prefixed `pr_`. */
public record PracticeId(@JsonValue String value) {

    public PracticeId {
        Ids.check("practice", value);
    }

    @JsonCreator
    public static PracticeId of(String value) {
        return new PracticeId(value);
    }

    public static PracticeId random() {
        return new PracticeId(Ids.random("pr_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
