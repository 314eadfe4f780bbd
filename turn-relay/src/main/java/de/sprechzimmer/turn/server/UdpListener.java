package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.FiveTuple;
import de.sprechzimmer.turn.allocation.Transport;
import de.sprechzimmer.turn.allocation.TransportAddressMap;
import de.sprechzimmer.turn.proto.ChannelData;
import de.sprechzimmer.turn.proto.StunDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;

/**
 * One UDP listening socket. With epoll several such sockets share the port (SO_REUSEPORT), one per event loop;
 * the kernel keeps each client on one of them, and that socket's loop owns the client's allocations.
 */
final class UdpListener extends ChannelInboundHandlerAdapter {

    private final TurnProcessor processor;
    private final TransportAddressMap<RelaySession> sessions = new TransportAddressMap<>();
    private final Set<InetSocketAddress> allocating = new HashSet<>();
    private Channel channel;
    private InetSocketAddress local;
    private FlushBatcher out;

    UdpListener(TurnProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        local = (InetSocketAddress) channel.localAddress();
        out = new FlushBatcher(channel);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            ByteBuf buf = packet.content();
            InetSocketAddress sender = packet.sender();
            if (ChannelData.looksLikeChannelData(buf)) {
                processor.onChannelData(sessions.get(sender), buf);
            } else if (StunDecoder.looksLikeStun(buf)) {
                processor.onStun(new Link(sender), buf);
            } else {
                processor.context().metrics().dropped(TurnMetrics.Drop.MALFORMED);
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP listener never closes over one bad packet or an ICMP error.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (RelaySession s : sessions.values()) {
            s.close();
        }
        super.channelInactive(ctx);
    }

    /** The client at {@code remote} as seen through this socket. */
    private final class Link implements ClientLink {
        private final InetSocketAddress remote;
        private final FiveTuple fiveTuple;

        Link(InetSocketAddress remote) {
            this.remote = remote;
            this.fiveTuple = new FiveTuple(Transport.UDP, remote, local);
        }

        @Override
        public FiveTuple fiveTuple() {
            return fiveTuple;
        }

        @Override
        public EventLoop eventLoop() {
            return channel.eventLoop();
        }

        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }

        @Override
        public void send(ByteBuf message) {
            out.write(new DatagramPacket(message, remote));
        }

        @Override
        public RelaySession session() {
            return sessions.get(remote);
        }

        @Override
        public void attach(RelaySession session) {
            sessions.put(remote, session);
        }

        @Override
        public void detach(RelaySession session) {
            sessions.remove(remote, session);
        }

        @Override
        public boolean beginAllocate() {
            return allocating.add(remote);
        }

        @Override
        public void endAllocate() {
            allocating.remove(remote);
        }
    }
}
