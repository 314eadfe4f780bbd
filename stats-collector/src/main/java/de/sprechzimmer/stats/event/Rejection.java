package de.sprechzimmer.stats.event;

import java.util.Locale;

/**
 * Why an event or a report was refused. The {@link #code()} is stable: it is what a client sees and the only
 * label of the {@code stats.events.rejected} metric (never the data itself).
 */
public enum Rejection {
    /** The type is not in the catalogue. */
    UNKNOWN_TYPE,
    /** A field name the type does not allow. */
    UNKNOWN_FIELD,
    /** A field the type requires is absent. */
    MISSING_FIELD,
    /** A value outside its allowed shape (enum, range, version, host name, date). */
    INVALID_VALUE,
    /** Account or practice is not a pseudonym (22 base64url characters): raw ids are refused. */
    INVALID_PSEUDONYM,
    /** The event lies further in the future than clocks can disagree. */
    TIME_IN_FUTURE,
    /** The event is already older than the retention period; storing it would break the promise. */
    TOO_OLD,
    /** Too many fields or a value too long. */
    TOO_LARGE,
    /** Not readable as an event at all (a broken stream entry or JSON). */
    MALFORMED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
