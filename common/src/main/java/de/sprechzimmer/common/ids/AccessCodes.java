package de.sprechzimmer.common.ids;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Access codes that patients type or read aloud. 12 characters from a 31-letter alphabet without the
 * look-alikes 0/O, 1/I/l (log2(31^12) = 59.4 bits of randomness), shown in groups of four:
 * {@code K7QM-4XRT-9HWP}. Input is forgiving: case, spaces and dashes do not matter.
 */
public final class AccessCodes {

    /** Digits 2-9 and letters A-Z without I, L and O. */
    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 12;
    /** Bits of randomness in one code. */
    public static final double ENTROPY_BITS = LENGTH * (Math.log(ALPHABET.length()) / Math.log(2));

    private final SecureRandom random;

    public AccessCodes(SecureRandom random) {
        this.random = random;
    }

    public AccessCodes() {
        this(new SecureRandom());
    }

    /** A new code in canonical form (12 characters, no dashes). */
    public String generate() {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    /** Canonical form of what a user typed, or empty when it cannot be a code. */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > 64) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        for (char c : input.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ' || c == '\t') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            sb.append(c);
        }
        return sb.length() == LENGTH ? Optional.of(sb.toString()) : Optional.empty();
    }

    /** {@code K7QM4XRT9HWP} to {@code K7QM-4XRT-9HWP}. */
    public static String display(String canonical) {
        return canonical.substring(0, 4) + "-" + canonical.substring(4, 8) + "-" + canonical.substring(8);
    }
}
