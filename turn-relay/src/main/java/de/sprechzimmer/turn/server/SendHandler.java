package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.XorAddress;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Send indications (RFC 8656 §11.2). Indications get no answer: every failure is a silent drop. */
final class SendHandler {

    private SendHandler() {
    }

    static void handle(ClientLink link, StunMessage m, TurnContext ctx) {
        RelaySession s = link.session();
        if (s == null || !s.alive()) {
            ctx.metrics().dropped(TurnMetrics.Drop.NO_ALLOCATION);
            return;
        }
        // RFC 8489 §6.3.2: unknown comprehension-required attributes (DONT-FRAGMENT among them) mean discard.
        if (!m.unknownComprehensionRequired().isEmpty()) {
            ctx.metrics().dropped(TurnMetrics.Drop.MALFORMED);
            return;
        }
        Optional<RawAttribute> data = m.attribute(AttributeType.DATA);
        InetSocketAddress peer;
        try {
            peer = XorAddress.require(m, AttributeType.XOR_PEER_ADDRESS);
        } catch (StunException e) {
            peer = null;
        }
        if (peer == null || data.isEmpty()) {
            ctx.metrics().dropped(TurnMetrics.Drop.MALFORMED);
            return;
        }
        // The peer policy is checked again here, not only when the permission was made.
        try {
            PeerCheck.require(s, peer, ctx);
        } catch (StunException refused) {
            ctx.metrics().dropped(TurnMetrics.Drop.PEER_REFUSED);
            return;
        }
        // "If no permission exists for the peer, the server silently discards the Send indication."
        if (!s.allocation().permitted(peer.getAddress())) {
            ctx.metrics().dropped(TurnMetrics.Drop.NO_PERMISSION);
            return;
        }
        byte[] payload = data.get().value();
        if (!s.toPeer().tryConsume(payload.length)) {
            ctx.metrics().dropped(TurnMetrics.Drop.BANDWIDTH);
            return;
        }
        // Copied into a pooled direct buffer, so that it leaves in one system call (PeerSender): Netty would copy
        // a heap buffer into a direct one anyway, on its way through the channel.
        ByteBuf out = link.alloc().directBuffer(payload.length).writeBytes(payload);
        try {
            if (!s.peers().send(out, 0, payload.length, peer)) {
                ctx.metrics().dropped(TurnMetrics.Drop.UNSENT);
                return;
            }
        } finally {
            out.release();
        }
        ctx.metrics().relayed(TurnMetrics.Direction.TO_PEER, payload.length);
    }
}
