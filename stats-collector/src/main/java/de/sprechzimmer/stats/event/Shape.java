package de.sprechzimmer.stats.event;

import de.sprechzimmer.common.stats.RedisStatsSink;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allowed shape of a field value. {@link #normalise} returns the canonical form that is stored, or null
 * when the value does not fit. Every shape admits only a narrow character set, so stored values never hold
 * separators, free text or personal data.
 */
@FunctionalInterface
interface Shape {

    String normalise(String value);

    /** One of a fixed set of lower-case words. */
    static Shape oneOf(String... values) {
        Set<String> allowed = Set.of(values);
        return v -> allowed.contains(v) ? v : null;
    }

    /** A whole number in [min, max], written without sign or leading zeros. */
    static Shape integer(long min, long max) {
        return v -> {
            if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            long n = Long.parseLong(v);
            return n < min || n > max ? null : Long.toString(n);
        };
    }

    Pattern VERSION = Pattern.compile("[0-9]{1,5}(\\.[0-9]{1,6}){0,3}");

    /** A short version string: {@code 131}, {@code 17.4}, {@code 131.0.6778.85}. */
    static Shape version() {
        return v -> VERSION.matcher(v).matches() ? v : null;
    }

    Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** A DNS host name (LDH), lower-cased, at most 253 characters. */
    static Shape hostname() {
        return v -> {
            String h = v.toLowerCase(Locale.ROOT);
            return h.length() <= 253 && HOST.matcher(h).matches() ? h : null;
        };
    }

    /** An ISO 3166-1 alpha-2 country code, upper-cased. */
    static Shape country() {
        return v -> v.length() == 2 && v.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
                ? v.toUpperCase(Locale.ROOT) : null;
    }

    /** An ISO date {@code 2026-01-31}. */
    static Shape date() {
        return v -> {
            try {
                return v.length() == 10 ? LocalDate.parse(v).toString() : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        };
    }

    /**
     * A comma-separated subset of {@code values} (possibly empty), stored in the order given here and without
     * repeats, so {@code chat,whiteboard} and {@code whiteboard,chat,chat} are the same value.
     */
    static Shape subsetOf(String... values) {
        List<String> order = Arrays.asList(values);
        return v -> {
            if (v.isEmpty()) {
                return v;
            }
            boolean[] seen = new boolean[order.size()];
            for (String part : v.split(",", -1)) {
                int i = order.indexOf(part);
                if (i < 0) {
                    return null;
                }
                seen[i] = true;
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seen.length; i++) {
                if (seen[i]) {
                    out.add(order.get(i));
                }
            }
            return String.join(",", out);
        };
    }

    /** An IP literal, truncated here to its /24 or /48 whatever arrived: a full address is never kept. */
    static Shape ipPrefix() {
        return RedisStatsSink::truncatedOrNull;
    }
}
