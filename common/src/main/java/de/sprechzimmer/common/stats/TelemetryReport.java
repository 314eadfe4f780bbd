package de.sprechzimmer.common.stats;

import java.util.Objects;
import java.util.Set;

/**
 * A browser's connection report, the data of the signaling message {@code telemetry} (docs/statistics.md,
 * "Browser telemetry"): what {@code RTCPeerConnection.getStats()} says about the call, never content. Signaling
 * reads it with the strict {@code Json.mapper()} (unknown properties are refused), so a malformed report fails
 * here with {@link IllegalArgumentException} and signaling answers {@code invalid_telemetry}; a well-formed one
 * becomes a {@code telemetry} event with {@link #toEvent}. Optional values are null when the browser did not tell.
 *
 * @param sessionId   the consultation session the report is about (signaling checks membership; not stored)
 * @param media       {@code audio-video} or {@code audio}
 * @param path        {@code p2p} or {@code relay}
 * @param protocol    {@code udp}, {@code tcp} or {@code tls}
 * @param port        remote port used, 1-65535 (the relay's port when relayed)
 * @param bitrateKbps available outgoing bitrate in kbit/s, 0-10,000,000
 * @param network     {@code wifi}, {@code cellular}, {@code ethernet}, {@code other} or {@code unknown}
 */
public record TelemetryReport(String sessionId, String media, String path, String protocol, Integer port,
                              Long bitrateKbps, String network) {

    /** Largest report signaling should accept, in bytes of JSON. */
    public static final int MAX_BYTES = 1024;

    private static final Set<String> MEDIA = Set.of("audio-video", "audio");
    private static final Set<String> PATHS = Set.of("p2p", "relay");
    private static final Set<String> PROTOCOLS = Set.of("udp", "tcp", "tls");
    private static final Set<String> NETWORKS = Set.of("wifi", "cellular", "ethernet", "other", "unknown");

    public TelemetryReport {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
            throw new IllegalArgumentException("sessionId missing or too long");
        }
        check("media", media, MEDIA, true);
        check("path", path, PATHS, true);
        check("protocol", protocol, PROTOCOLS, false);
        check("network", network, NETWORKS, false);
        if (port != null && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("port out of range");
        }
        if (bitrateKbps != null && (bitrateKbps < 0 || bitrateKbps > 10_000_000)) {
            throw new IllegalArgumentException("bitrateKbps out of range");
        }
    }

    private static void check(String name, String value, Set<String> allowed, boolean required) {
        if (value == null ? required : !allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed.stream().sorted().toList());
        }
    }

    /**
     * The {@code telemetry} event: for the session's doctor account and practice, with the reporting member's
     * {@code role} ({@code doctor} or {@code guest}).
     */
    public StatsEvent toEvent(StatsEvents events, String doctorAccountId, String practiceId, String role) {
        Objects.requireNonNull(role, "role");
        return events.of(StatsEvents.TELEMETRY, doctorAccountId, practiceId)
                .field("media", media).field("path", path).field("protocol", protocol).field("port", port)
                .field("bitrate-kbps", bitrateKbps).field("network", network).field("role", role).build();
    }
}
