package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.Lifetimes;
import de.sprechzimmer.turn.policy.AllocationQuota;
import de.sprechzimmer.turn.policy.PeerPolicy;
import java.util.Objects;

/** What the request handlers need to know, resolved once from the settings. */
public record ServerConfig(Lifetimes lifetimes, RelayAddresses relayAddresses, PeerPolicy peerPolicy,
                           AllocationQuota quota, long maxBytesPerSecond, int maxPermissions) {

    public ServerConfig {
        Objects.requireNonNull(lifetimes, "lifetimes");
        Objects.requireNonNull(relayAddresses, "relayAddresses");
        Objects.requireNonNull(peerPolicy, "peerPolicy");
        Objects.requireNonNull(quota, "quota");
        if (maxBytesPerSecond < 0 || maxPermissions < 1) {
            throw new IllegalArgumentException("max-bps >= 0 and max-permissions >= 1");
        }
    }
}
