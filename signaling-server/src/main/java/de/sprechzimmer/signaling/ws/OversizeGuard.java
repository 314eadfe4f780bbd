package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.signaling.protocol.CloseCodes;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers a too large (or fragmented-into-too-large) message with close code 1009, as the protocol says. Sits
 * right after the frame aggregator, because the HTTP dispatcher further down closes on any exception without a
 * close frame. After the close frame it drops whatever the client still sends and closes gracefully
 * ({@link WsSocket#afterCloseFrame}): closing at once, with the rest of the big message unread, would reset the
 * connection and could destroy the close frame before the client reads it. One instance per connection.
 */
final class OversizeGuard extends ChannelInboundHandlerAdapter {

    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            if (!closing) {
                closing = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.TOO_LARGE, "frame too large"))
                        .addListener((ChannelFutureListener) f -> WsSocket.afterCloseFrame(ctx.channel(), f));
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
