package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.ChannelBinding;
import de.sprechzimmer.turn.proto.ChannelData;
import de.sprechzimmer.turn.proto.DataIndication;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Packets from peers on one relay socket (RFC 8656 §11.3, §12.6): relayed to the client as ChannelData when a
 * channel is bound to the peer, as a Data indication otherwise, dropped without a permission.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final TurnContext ctx;
    private RelaySession session;

    RelayHandler(TurnContext ctx) {
        this.ctx = ctx;
    }

    void attach(RelaySession s) {
        this.session = s;
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            RelaySession s = session;
            if (s == null || !s.alive()) {
                ctx.metrics().dropped(TurnMetrics.Drop.NO_ALLOCATION);
                return;
            }
            InetSocketAddress peer = packet.sender();
            // One lookup per packet: a channel bound to the peer holds the permission of its address.
            ChannelBinding binding = s.allocation().channelFor(peer);
            if (!(binding != null ? s.allocation().permitted(binding) : s.allocation().permitted(peer.getAddress()))) {
                ctx.metrics().dropped(TurnMetrics.Drop.NO_PERMISSION);
                return;
            }
            ByteBuf data = packet.content();
            int length = data.readableBytes();
            if (!s.toClient().tryConsume(length)) {
                ctx.metrics().dropped(TurnMetrics.Drop.BANDWIDTH);
                return;
            }
            ClientLink link = s.link();
            ByteBuf out = binding != null
                    ? ChannelData.encode(link.alloc(), binding.number(), data, link.stream())
                    : DataIndication.encode(link.alloc(), peer, data);
            ctx.metrics().relayed(TurnMetrics.Direction.TO_CLIENT, length);
            link.send(out);
        } finally {
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        // ICMP errors and the like surface here on connected sockets; a relay socket keeps going.
    }
}
