package de.sprechzimmer.signaling.session;

import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.ServerMessage.IceServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ICE servers a session member gets: the configured URLs ({@code turn-urls}), or, when none are configured,
 * STUN/TURN on the host the client reached us by ({@code ice-turn-port}, optional {@code ice-turns-port}), each
 * with fresh TURN REST credentials whose username id is the (random) participant id.
 */
public final class IceServers {

    private final List<String> configured;
    private final int turnPort;
    private final Optional<Integer> turnsPort;
    private final TurnCredentials credentials;
    private final Duration ttl;
    private final String policy;

    public IceServers(List<String> configured, int turnPort, Optional<Integer> turnsPort, TurnCredentials credentials,
                      Duration ttl, String policy) {
        this.configured = List.copyOf(configured);
        this.turnPort = turnPort;
        this.turnsPort = turnsPort;
        this.credentials = credentials;
        this.ttl = ttl;
        if (!policy.equals("all") && !policy.equals("relay")) {
            throw new IllegalArgumentException("ice-transport-policy must be all or relay");
        }
        this.policy = policy;
    }

    public String policy() {
        return policy;
    }

    /** @param host the Host the client connected to (without port), or null when unknown */
    public List<IceServer> forParticipant(ParticipantId id, String host) {
        List<String> urls = configured.isEmpty() ? derived(host) : configured;
        if (urls.isEmpty()) {
            return List.of();
        }
        TurnCredentials.Credential c = credentials.issue(id.value(), ttl);
        return List.of(new IceServer(urls, c.username(), c.password()));
    }

    private List<String> derived(String host) {
        if (host == null || host.isBlank()) {
            return List.of();
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        List<String> urls = new ArrayList<>(List.of("stun:" + h + ":" + turnPort,
                "turn:" + h + ":" + turnPort + "?transport=udp", "turn:" + h + ":" + turnPort + "?transport=tcp"));
        turnsPort.ifPresent(p -> urls.add("turns:" + h + ":" + p + "?transport=tcp"));
        return urls;
    }

    /** The host part of a Host header ({@code example.org:8080}, {@code [::1]:8080}), or null. */
    public static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 255) {
            return null;
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : null;
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        return name.matches("[A-Za-z0-9.-]+") ? name : null;
    }
}
