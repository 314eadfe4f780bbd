package de.sprechzimmer.common.config;

/** A setting is missing or malformed; the message says which and where it came from, and is safe to print. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
