package de.sprechzimmer.common.stats;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One statistics event, already pseudonymised at the source: {@code account} and {@code practice} are
 * keyed-hash pseudonyms ({@link de.sprechzimmer.common.privacy.Pseudonymizer}), never raw ids; {@code fields}
 * hold metadata only (kinds, counts, durations, versions), never names, addresses, codes or content.
 *
 * @param type     event type, e.g. {@code consultation.ended}, {@code login}, {@code telemetry}
 * @param at       when it happened
 * @param account  pseudonym of the account (for guests: of the doctor whose session it was)
 * @param practice pseudonym of the practice
 * @param fields   small flat map of metadata
 */
public record StatsEvent(String type, Instant at, String account, String practice, Map<String, String> fields) {

    public StatsEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(practice, "practice");
        fields = Map.copyOf(fields);
    }
}
