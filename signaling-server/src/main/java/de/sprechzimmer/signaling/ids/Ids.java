package de.sprechzimmer.signaling.ids;

import de.sprechzimmer.common.ids.Tokens;
import java.util.regex.Pattern;

/** Shared checks of the typed ids: random, URL-safe, short. Ids are not secrets and not personal data. */
public final class Ids {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    public static String check(String kind, String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed " + kind + " id");
        }
        return value;
    }

    /** A new random id with a readable prefix, e.g. {@code s_Qm3...}. */
    public static String random(String prefix) {
        return prefix + Tokens.id();
    }

    public static boolean valid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
