package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.XorAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** CreatePermission (RFC 8656 §9.2). */
final class CreatePermissionHandler {

    private CreatePermissionHandler() {
    }

    static void handle(Request r) {
        RelaySession s = r.session();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (RawAttribute a : r.message.attributes()) {
            if (a.type() == AttributeType.XOR_PEER_ADDRESS) {
                peers.add(XorAddress.decode(a.value(), r.message.transactionId()));
            }
        }
        // "The CreatePermission request MUST contain at least one XOR-PEER-ADDRESS attribute" (else 400).
        if (peers.isEmpty()) {
            throw StunException.badRequest("no XOR-PEER-ADDRESS");
        }
        // All or nothing: every peer is checked (443, 403) before any permission is installed.
        for (InetSocketAddress peer : peers) {
            PeerCheck.require(s, peer, r.ctx);
        }
        for (InetSocketAddress peer : peers) {
            s.allocation().permit(peer.getAddress());
        }
        r.succeed(List.of());
    }
}
