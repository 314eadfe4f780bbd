package de.sprechzimmer.signaling.protocol;

import java.util.Optional;

/**
 * The features a client reports with {@code feature-used} (docs/signaling-protocol.md), in the order of the
 * statistics catalogue (docs/statistics.md, {@code consultation.ended.features}).
 */
public enum Feature {
    WHITEBOARD("whiteboard"),
    CHAT("chat"),
    SCREEN_SHARING("screen-sharing"),
    SCREENSHOT("screenshot");

    private final String wire;

    Feature(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Feature> of(String wire) {
        for (Feature f : values()) {
            if (f.wire.equals(wire)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
