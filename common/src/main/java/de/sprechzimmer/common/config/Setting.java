package de.sprechzimmer.common.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One setting of a service. Every setting has one shape (STYLE.md rule 12): the command-line flag
 * {@code --turn-port}, the environment variable {@code SPRECHZIMMER_TURN_PORT} and the key
 * {@code turn-port} in the optional config file.
 *
 * @param name         kebab-case name, e.g. {@code turn-port}
 * @param defaultValue value when nothing is given; {@code null} means "not set"
 * @param parser       turns the text form into a value; throws {@link IllegalArgumentException} on bad input
 * @param description  one line for the README table and {@code --help}
 * @param secret       the value is never printed (passwords, HMAC secrets)
 */
public record Setting<T>(String name, T defaultValue, Function<String, T> parser, String description, boolean secret) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name must be kebab-case: " + name);
        }
    }

    public String flag() {
        return "--" + name;
    }

    public String envName() {
        return "SPRECHZIMMER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Text of the default for documentation. */
    public String defaultText() {
        if (defaultValue == null) {
            return "";
        }
        if (secret) {
            return "(random)";
        }
        return defaultValue instanceof java.time.Duration d ? Durations.format(d) : String.valueOf(defaultValue);
    }

    public static Setting<String> string(String name, String defaultValue, String description) {
        return new Setting<>(name, defaultValue, Function.identity(), description, false);
    }

    public static Setting<String> secret(String name, String description) {
        return new Setting<>(name, null, Function.identity(), description, true);
    }

    public static Setting<Integer> integer(String name, Integer defaultValue, String description) {
        return new Setting<>(name, defaultValue, Setting::parseInt, description, false);
    }

    public static Setting<Integer> port(String name, Integer defaultValue, String description) {
        return new Setting<>(name, defaultValue, Setting::parsePort, description, false);
    }

    public static Setting<Long> longValue(String name, Long defaultValue, String description) {
        return new Setting<>(name, defaultValue, text -> {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number: " + text);
            }
        }, description, false);
    }

    public static Setting<Boolean> bool(String name, Boolean defaultValue, String description) {
        return new Setting<>(name, defaultValue, Setting::parseBool, description, false);
    }

    /** A duration written as {@code 30s}, {@code 10m}, {@code 12h}, {@code 90d} or ISO-8601 ({@code PT30S}). */
    public static Setting<Duration> duration(String name, Duration defaultValue, String description) {
        return new Setting<>(name, defaultValue, Durations::parse, description, false);
    }

    public static <T> Setting<T> of(String name, T defaultValue, Function<String, T> parser, String description) {
        return new Setting<>(name, defaultValue, parser, description, false);
    }

    static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: " + text);
        }
    }

    static int parsePort(String text) {
        int port = parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port number (0-65535): " + text);
        }
        return port;
    }

    static boolean parseBool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not true/false: " + text);
        };
    }
}
