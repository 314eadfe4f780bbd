package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a participant: random, prefixed `p_`. */
public record ParticipantId(@JsonValue String value) {

    public ParticipantId {
        Ids.check("participant", value);
    }

    @JsonCreator
    public static ParticipantId of(String value) {
        return new ParticipantId(value);
    }

    public static ParticipantId random() {
        return new ParticipantId(Ids.random("p_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
