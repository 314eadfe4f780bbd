package de.sprechzimmer.stats.export;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The days an export covers, {@code [from, to)} in the practice's time zone ({@code stats-time-zone}).
 * Default: the last full calendar month before today. {@code to} alone means the month before {@code to};
 * {@code from} alone means {@code from} up to today (exclusive).
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must lie before 'to'");
        }
    }

    /**
     * From the query parameters {@code from} and {@code to} (ISO dates, {@code to} exclusive).
     *
     * @throws IllegalArgumentException with a message safe to show when a date is malformed, the period is
     *                                  empty or longer than {@code maxDays}
     */
    public static Period of(Optional<String> from, Optional<String> to, ZoneId zone, Clock clock, int maxDays) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate end = to.map(t -> parse(t, "to")).orElse(from.isPresent() ? today : today.withDayOfMonth(1));
        LocalDate start = from.map(f -> parse(f, "from")).orElse(end.minusMonths(1).withDayOfMonth(1));
        if (to.isPresent() && from.isEmpty()) {
            start = end.minusMonths(1);
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("'from' must lie before 'to'");
        }
        if (ChronoUnit.DAYS.between(start, end) > maxDays) {
            throw new IllegalArgumentException("period longer than " + maxDays + " days");
        }
        return new Period(start, end, zone);
    }

    private static LocalDate parse(String text, String name) {
        try {
            if (text.length() != 10) {
                throw new DateTimeParseException("length", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date like 2026-01-31");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return to.atStartOfDay(zone).toInstant();
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to);
    }

    /** The last day covered (the day before {@code to}). */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }
}
