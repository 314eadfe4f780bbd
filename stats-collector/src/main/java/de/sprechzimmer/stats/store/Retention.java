package de.sprechzimmer.stats.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long things live, on the injected clock: events {@code stats-retention} (90 days), anonymised
 * addresses {@code stats-ip-retention} (15 days). Stores never return anything older, purged or not.
 */
public record Retention(Clock clock, Duration events, Duration addresses) {

    public Retention {
        if (events.isNegative() || events.isZero() || addresses.isNegative() || addresses.isZero()) {
            throw new IllegalArgumentException("retention periods must be positive");
        }
    }

    public Instant eventCutoff() {
        return clock.instant().minus(events);
    }

    public Instant addressCutoff() {
        return clock.instant().minus(addresses);
    }
}
