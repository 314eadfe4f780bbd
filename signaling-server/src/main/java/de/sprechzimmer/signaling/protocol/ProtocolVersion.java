package de.sprechzimmer.signaling.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A protocol version and what it can do. Code asks for a capability by name ({@link #supportsResume()}),
 * never compares numbers (STYLE.md rule 7); clients see the same names in {@code welcome.data.features}.
 */
public enum ProtocolVersion {
    V1(1, List.of("resume", "mesh", "ice-restart"));

    private final int number;
    private final List<String> features;

    ProtocolVersion(int number, List<String> features) {
        this.number = number;
        this.features = features;
    }

    public static Optional<ProtocolVersion> of(int number) {
        for (ProtocolVersion v : values()) {
            if (v.number == number) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public int number() {
        return number;
    }

    public List<String> features() {
        return features;
    }

    public boolean supportsResume() {
        return features.contains("resume");
    }

    public boolean supportsMesh() {
        return features.contains("mesh");
    }
}
