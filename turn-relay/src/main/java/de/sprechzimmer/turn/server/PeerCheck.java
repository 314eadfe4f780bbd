package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AddressFamily;
import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import java.net.InetSocketAddress;

/** The checks every peer address passes before the relay may reach it. */
final class PeerCheck {

    private PeerCheck() {
    }

    /**
     * RFC 8656 §9.2, §12.2: a peer of another family than the relayed address is 443; a forbidden peer (loopback,
     * private, metadata ... unless allow-listed) is 403.
     */
    static void require(RelaySession s, InetSocketAddress peer, TurnContext ctx) {
        if (AddressFamily.of(peer.getAddress()) != s.family()) {
            throw new StunException(StunError.PEER_ADDRESS_FAMILY_MISMATCH, "peer family differs from the relayed address");
        }
        if (!ctx.config().peerPolicy().allowed(peer.getAddress())) {
            ctx.metrics().peerRefused();
            throw new StunException(StunError.FORBIDDEN, "peer address not allowed");
        }
    }
}
