package de.sprechzimmer.bench.signaling;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One load-generator WebSocket on Netty: text in to a callback, text out. */
final class WsConn {

    private final CompletableFuture<WsConn> open = new CompletableFuture<>();
    private final Consumer<String> onText;
    private static final String WAITING = "\"type\":\"waiting\"";
    private Channel channel;

    private WsConn(Consumer<String> onText) {
        this.onText = onText;
    }

    /** Opens a WebSocket to {@code uri} from local address {@code source} (several 127.x sources spread the ports). */
    static CompletableFuture<WsConn> open(EventLoopGroup group, Class<? extends SocketChannel> type, URI uri,
                                          InetSocketAddress source, Consumer<String> onText) {
        WsConn c = new WsConn(onText);
        Bootstrap b = new Bootstrap().group(group).channel(type)
                .option(io.netty.channel.ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                        WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 65536)),
                                new WebSocketFrameAggregator(1 << 20),
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                            c.channel = ctx.channel();
                                            c.open.complete(c);
                                        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                                            c.open.completeExceptionally(new IllegalStateException("handshake timeout"));
                                        }
                                        super.userEventTriggered(ctx, evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                        // the doctors' waiting lists are large and of no interest here: skip decoding them
                                        var buf = frame.content();
                                        int head = Math.min(48, buf.readableBytes());
                                        if (buf.toString(buf.readerIndex(), head, java.nio.charset.StandardCharsets.US_ASCII).contains(WAITING)) {
                                            c.onText.accept("{\"v\":1,\"type\":\"waiting\"}");
                                            return;
                                        }
                                        c.onText.accept(frame.text());
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        c.open.completeExceptionally(cause);
                                        ctx.close();
                                    }
                                });
                    }
                });
        ChannelFuture f = b.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), source);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                c.open.completeExceptionally(done.cause());
            }
        });
        return c.open;
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    boolean active() {
        return channel != null && channel.isActive();
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
