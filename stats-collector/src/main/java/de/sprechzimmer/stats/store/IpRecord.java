package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.stats.event.EventValidator;
import java.time.Instant;
import java.util.Objects;

/**
 * An anonymised client address (IPv4 /24, IPv6 /48) seen at a login, kept apart from the events and at most
 * {@code stats-ip-retention} (15 days). The constructor refuses anything that is not already truncated.
 */
public record IpRecord(Instant at, String account, String practice, String prefix) {

    public IpRecord {
        Objects.requireNonNull(at, "at");
        if (!EventValidator.isPseudonym(account) || !EventValidator.isPseudonym(practice)) {
            throw new IllegalArgumentException("account and practice must be pseudonyms");
        }
        if (prefix == null || !prefix.equals(RedisStatsSink.truncatedOrNull(prefix))) {
            throw new IllegalArgumentException("not a truncated address");
        }
    }
}
