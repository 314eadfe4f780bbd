package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.Feature;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a session used, gathered while it runs for its {@code consultation.ended} event (docs/statistics.md):
 * every guest who was ever a member, the features members reported, and the connection kinds of the members'
 * telemetry. Stores keep it as a set of short marks ({@link #guest}, {@link #feature}, {@link #path},
 * {@link #relayProtocol}), so noting the same thing twice changes nothing and the set stays small: one mark per
 * guest plus at most nine others.
 */
public record SessionUsage(Set<ParticipantId> guests, Set<Feature> features, Set<String> paths,
                           Set<String> relayProtocols) {

    /** Transports to the relay, most constrained last: the one a consultation reports is the last one seen here. */
    private static final List<String> RELAY_PROTOCOLS = List.of("udp", "tcp", "tls");
    private static final Set<String> PATHS = Set.of("p2p", "relay");

    public SessionUsage {
        guests = Set.copyOf(guests);
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        paths = Set.copyOf(paths);
        relayProtocols = Set.copyOf(relayProtocols);
    }

    public static final SessionUsage NONE = new SessionUsage(Set.of(), Set.of(), Set.of(), Set.of());

    static String guest(ParticipantId id) {
        return "g:" + id.value();
    }

    static String feature(Feature f) {
        return "f:" + f.wire();
    }

    /** {@code p2p} or {@code relay}, from a checked telemetry report. */
    static String path(String path) {
        if (!PATHS.contains(path)) {
            throw new IllegalArgumentException("path");
        }
        return "p:" + path;
    }

    /** {@code udp}, {@code tcp} or {@code tls}: how a relayed member reached the relay. */
    static String relayProtocol(String protocol) {
        if (!RELAY_PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol");
        }
        return "r:" + protocol;
    }

    /** Reads the marks a store kept; anything else is ignored. */
    static SessionUsage of(Collection<String> marks) {
        Set<ParticipantId> guests = new HashSet<>();
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        Set<String> paths = new HashSet<>();
        Set<String> relay = new HashSet<>();
        for (String m : marks) {
            if (m.length() < 3 || m.charAt(1) != ':') {
                continue;
            }
            String v = m.substring(2);
            switch (m.charAt(0)) {
                case 'g' -> guests.add(new ParticipantId(v));
                case 'f' -> Feature.of(v).ifPresent(features::add);
                case 'p' -> paths.add(v);
                case 'r' -> relay.add(v);
                default -> { }
            }
        }
        paths.retainAll(PATHS);
        relay.retainAll(RELAY_PROTOCOLS);
        return new SessionUsage(guests, features, paths, relay);
    }

    /** {@code relay} when any report said relay, {@code p2p} when reports came and none did, else {@code unknown}. */
    public String connection() {
        return paths.contains("relay") ? "relay" : paths.contains("p2p") ? "p2p" : "unknown";
    }

    /** For a relayed consultation: the most constrained transport any member needed to reach the relay. */
    public Optional<String> relayProtocol() {
        if (!connection().equals("relay")) {
            return Optional.empty();
        }
        for (int i = RELAY_PROTOCOLS.size() - 1; i >= 0; i--) {
            if (relayProtocols.contains(RELAY_PROTOCOLS.get(i))) {
                return Optional.of(RELAY_PROTOCOLS.get(i));
            }
        }
        return Optional.empty();
    }

    /** The features in catalogue order, comma-separated; null when none was used. */
    public String featureList() {
        if (features.isEmpty()) {
            return null;
        }
        return EnumSet.copyOf(features).stream().map(Feature::wire).collect(Collectors.joining(","));
    }
}
