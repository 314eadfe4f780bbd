package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ChannelNumber;
import de.sprechzimmer.turn.proto.XorAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** ChannelBind (RFC 8656 §12.2). */
final class ChannelBindHandler {

    private ChannelBindHandler() {
    }

    static void handle(Request r) {
        RelaySession s = r.session();
        // CHANNEL-NUMBER and XOR-PEER-ADDRESS must be present (400); the number in range and neither side bound to
        // something else (400, in Allocation.bind); the peer of the right family (443) and allowed (403).
        int number = ChannelNumber.require(r.message);
        InetSocketAddress peer = XorAddress.require(r.message, AttributeType.XOR_PEER_ADDRESS);
        PeerCheck.require(s, peer, r.ctx);
        s.allocation().bind(number, peer);
        r.succeed(List.of());
    }
}
