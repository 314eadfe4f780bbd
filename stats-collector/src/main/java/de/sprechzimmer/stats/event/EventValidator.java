package de.sprechzimmer.stats.event;

import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an event against the {@link EventType catalogue} and returns it in canonical form (normalised values,
 * fields in catalogue order). Anything else is refused with a {@link Rejection}: the collector stores only what
 * this class lets through.
 */
public final class EventValidator {

    static final int MAX_FIELDS = 16;
    static final int MAX_VALUE_LENGTH = 253;
    /** How far ahead of our clock a source's clock may run. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration retention;

    public EventValidator(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    public StatsEvent check(StatsEvent event) throws InvalidEventException {
        EventType type = EventType.of(event.type())
                .orElseThrow(() -> new InvalidEventException(Rejection.UNKNOWN_TYPE, "unknown event type"));
        if (!isPseudonym(event.account()) || !isPseudonym(event.practice())) {
            throw new InvalidEventException(Rejection.INVALID_PSEUDONYM, "account and practice must be pseudonyms");
        }
        Instant now = clock.instant();
        if (event.at().isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new InvalidEventException(Rejection.TIME_IN_FUTURE, "event time lies in the future");
        }
        if (event.at().isBefore(now.minus(retention))) {
            throw new InvalidEventException(Rejection.TOO_OLD, "event is older than the retention period");
        }
        if (event.fields().size() > MAX_FIELDS) {
            throw new InvalidEventException(Rejection.TOO_LARGE, "too many fields");
        }
        for (String name : event.fields().keySet()) {
            if (!type.fields().containsKey(name)) {
                throw new InvalidEventException(Rejection.UNKNOWN_FIELD, "field '" + safeName(name) + "' not allowed for " + type.wire());
            }
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(event.fields().size());
        for (EventType.Field f : type.fields().values()) {
            String value = event.fields().get(f.name());
            // An empty value is an absent one (an empty feature list, a version the browser did not tell):
            // the CSV cannot tell them apart, so neither does the store.
            if (value == null || value.isEmpty()) {
                if (f.required()) {
                    throw new InvalidEventException(Rejection.MISSING_FIELD, "field '" + f.name() + "' required for " + type.wire());
                }
                continue;
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidEventException(Rejection.TOO_LARGE, "value of '" + f.name() + "' too long");
            }
            String normal = f.shape().normalise(value);
            if (normal == null) {
                throw new InvalidEventException(Rejection.INVALID_VALUE, "value of '" + f.name() + "' has not the allowed shape");
            }
            out.add(Map.entry(f.name(), normal));
        }
        // Stores keep milliseconds; cutting here makes every store return exactly what was accepted.
        @SuppressWarnings("unchecked")
        Map<String, String> fields = Map.ofEntries(out.toArray(Map.Entry[]::new));
        return new StatsEvent(type.wire(), event.at().truncatedTo(ChronoUnit.MILLIS), event.account(), event.practice(), fields);
    }

    /** Pseudonymizer output: 16 bytes, base64url without padding (checked per event, so without a regex). */
    public static boolean isPseudonym(String s) {
        if (s == null || s.length() != 22) {
            return false;
        }
        for (int i = 0; i < 22; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Field names go into error messages; an unknown one is shown only if it looks like a name. */
    private static String safeName(String name) {
        return name.length() <= 32 && name.matches("[a-z0-9.-]+") ? name : "?";
    }
}
