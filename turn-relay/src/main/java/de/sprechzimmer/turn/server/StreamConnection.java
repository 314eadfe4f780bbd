package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.FiveTuple;
import de.sprechzimmer.turn.allocation.Transport;
import de.sprechzimmer.turn.proto.ChannelData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;

/**
 * One TCP or TLS connection from a client: a 5-tuple with at most one allocation (RFC 8656 §3.1). Frames come
 * from {@link de.sprechzimmer.turn.proto.StreamFrameDecoder}. The connection ends with its allocation and vice
 * versa.
 */
final class StreamConnection extends ChannelInboundHandlerAdapter implements ClientLink {

    private final TurnProcessor processor;
    private final Transport transport;
    private ChannelHandlerContext ctx;
    private FlushBatcher out;
    private FiveTuple fiveTuple;
    private RelaySession session;
    private boolean allocating;

    StreamConnection(TurnProcessor processor, Transport transport) {
        this.processor = processor;
        this.transport = transport;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.out = new FlushBatcher(ctx.channel());
        this.fiveTuple = new FiveTuple(transport, (InetSocketAddress) ctx.channel().remoteAddress(),
                (InetSocketAddress) ctx.channel().localAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (ChannelData.looksLikeChannelData(frame)) {
                processor.onChannelData(session, frame);
            } else {
                processor.onStun(this, frame);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        // A connection that idles without an allocation is closed; one with an allocation lives as long as it.
        if (evt instanceof IdleStateEvent && session == null) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Unframeable bytes or a TLS failure: the stream cannot be resynchronised, so it ends (and its allocation).
        ctx.close();
    }

    @Override
    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    @Override
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public void send(ByteBuf message) {
        out.write(message);
    }

    @Override
    public RelaySession session() {
        return session;
    }

    @Override
    public void attach(RelaySession s) {
        this.session = s;
    }

    @Override
    public void detach(RelaySession s) {
        if (session == s) {
            session = null;
            ctx.close();
        }
    }

    @Override
    public boolean beginAllocate() {
        if (allocating) {
            return false;
        }
        allocating = true;
        return true;
    }

    @Override
    public void endAllocate() {
        allocating = false;
    }
}
