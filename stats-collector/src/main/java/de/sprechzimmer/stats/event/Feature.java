package de.sprechzimmer.stats.event;

/** Consultation features whose use is counted (never their content). */
public enum Feature {
    WHITEBOARD("whiteboard"),
    CHAT("chat"),
    SCREEN_SHARING("screen-sharing"),
    SCREENSHOT("screenshot");

    static final String[] WIRE_NAMES = {"whiteboard", "chat", "screen-sharing", "screenshot"};

    private final String wire;

    Feature(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The feature of a wire name, or null. */
    public static Feature of(String wire) {
        for (Feature f : values()) {
            if (f.wire.equals(wire)) {
                return f;
            }
        }
        return null;
    }
}
