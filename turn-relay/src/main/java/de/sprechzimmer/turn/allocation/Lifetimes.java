package de.sprechzimmer.turn.allocation;

import java.time.Duration;
import java.util.Optional;

/**
 * How long things live (RFC 8656): allocation default 600 s and maximum 3600 s (§7.2, §8.2), permission 300 s
 * (§9), channel binding 600 s (§12), and the highest channel number accepted.
 */
public record Lifetimes(Duration allocationDefault, Duration allocationMax, Duration permission, Duration channel,
                        int maxChannelNumber) {

    public static final Lifetimes RFC8656 = new Lifetimes(Duration.ofSeconds(600), Duration.ofSeconds(3600),
            Duration.ofSeconds(300), Duration.ofSeconds(600), 0x4FFF);

    public Lifetimes {
        if (allocationDefault.isNegative() || allocationDefault.isZero() || allocationMax.compareTo(allocationDefault) < 0) {
            throw new IllegalArgumentException("allocation lifetimes: 0 < default <= max");
        }
        if (permission.isNegative() || permission.isZero() || channel.isNegative() || channel.isZero()) {
            throw new IllegalArgumentException("permission and channel lifetimes must be positive");
        }
        if (maxChannelNumber != 0x4FFF && maxChannelNumber != 0x7FFF) {
            throw new IllegalArgumentException("max channel number is 0x4FFF (RFC 8656) or 0x7FFF (RFC 5766)");
        }
    }

    public Lifetimes withRfc5766Channels(boolean enabled) {
        return new Lifetimes(allocationDefault, allocationMax, permission, channel, enabled ? 0x7FFF : 0x4FFF);
    }

    /**
     * RFC 8656 §7.2 step 8 and §8.2: the smaller of the requested and the maximum lifetime, but never less than
     * the default. A request without LIFETIME gets the default.
     */
    public Duration allocation(Optional<Duration> requested) {
        if (requested.isEmpty()) {
            return allocationDefault;
        }
        Duration d = requested.get().compareTo(allocationMax) > 0 ? allocationMax : requested.get();
        return d.compareTo(allocationDefault) > 0 ? d : allocationDefault;
    }

    public boolean validChannel(int number) {
        return number >= 0x4000 && number <= maxChannelNumber;
    }
}
