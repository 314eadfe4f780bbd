package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.signaling.protocol.CloseCodes;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * Answers a too large (or fragmented-into-too-large) message with close code 1009, as the protocol says. Sits
 * right after the frame aggregator, because the HTTP dispatcher further down closes on any exception without a
 * close frame.
 */
@ChannelHandler.Sharable
final class OversizeGuard extends ChannelInboundHandlerAdapter {

    static final OversizeGuard INSTANCE = new OversizeGuard();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.TOO_LARGE, "frame too large"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
