package de.sprechzimmer.stats.store;

import de.sprechzimmer.stats.event.EventValidator;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which events to read: one practice, optionally only one account of it, in the period {@code [from, to)}.
 * A doctor's query always names the account; a practice admin's may leave it out.
 */
public record Query(String practice, Optional<String> account, Instant from, Instant to) {

    public Query {
        if (!EventValidator.isPseudonym(practice)) {
            throw new IllegalArgumentException("practice must be a pseudonym");
        }
        Objects.requireNonNull(account, "account");
        account.ifPresent(a -> {
            if (!EventValidator.isPseudonym(a)) {
                throw new IllegalArgumentException("account must be a pseudonym");
            }
        });
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must lie before to");
        }
    }

    public static Query practice(String practice, Instant from, Instant to) {
        return new Query(practice, Optional.empty(), from, to);
    }

    public static Query account(String practice, String account, Instant from, Instant to) {
        return new Query(practice, Optional.of(account), from, to);
    }
}
