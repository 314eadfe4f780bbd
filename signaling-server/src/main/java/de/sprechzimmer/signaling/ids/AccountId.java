package de.sprechzimmer.signaling.ids;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Id of a account: random, prefixed `a_`. */
public record AccountId(@JsonValue String value) {

    public AccountId {
        Ids.check("account", value);
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    public static AccountId random() {
        return new AccountId(Ids.random("a_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
