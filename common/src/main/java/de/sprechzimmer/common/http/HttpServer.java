package de.sprechzimmer.common.http;

import de.sprechzimmer.common.net.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The HTTP (and optional WebSocket) server every service uses: Netty, security headers on every response,
 * per-path body limits, JSON errors, a bounded worker pool for blocking work. The embedded app builds one
 * server and lets every service add routes to its {@link Router}.
 */
public final class HttpServer implements AutoCloseable {

    private final Builder b;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    private HttpServer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and returns the bound address (port 0 picks a free port). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        boss = Transports.group(1, b.name + "-accept");
        workers = Transports.group(b.ioThreads, b.name + "-io");
        long aggregate = BodyLimit.max(b.defaultBodyLimit, b.bodyLimits);
        ServerBootstrap sb = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("codec", new HttpServerCodec(8192, 16384, 16384));
                        p.addLast("security-headers", SecurityHeaders.INSTANCE);
                        if (!b.gates.isEmpty()) {
                            p.addLast("gate", new RequestGate(b.gates));
                        }
                        p.addLast("body-limit", new BodyLimit(b.defaultBodyLimit, b.bodyLimits));
                        p.addLast("aggregator", new HttpObjectAggregator((int) Math.min(Integer.MAX_VALUE, aggregate)));
                        p.addLast("chunked", new ChunkedWriteHandler());
                        if (b.websocketPath != null) {
                            p.addLast("origin", new OriginCheck(b.websocketPath, b.allowedOrigins));
                            p.addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath(b.websocketPath)
                                    .maxFramePayloadLength(b.maxFrameBytes)
                                    .handshakeTimeoutMillis(10_000)
                                    .dropPongFrames(true)
                                    // The application's handler answers a violation with a close frame and closes
                                    // gracefully; Netty's own close would reset a client still sending.
                                    .closeOnProtocolViolation(false)
                                    .build()));
                            p.addLast("ws-aggregator", new WebSocketFrameAggregator(b.maxFrameBytes));
                        }
                        p.addLast("dispatcher", new Dispatcher(b.router, b.blockingWorkers, b::clientAddress));
                        if (b.websocketPath != null) {
                            p.addLast("ws-handler", b.websocketHandler.get());
                        }
                    }
                });
        channel = sb.bind(b.host, b.port).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Builder for {@link HttpServer}. */
    public static final class Builder {
        private String name = "http";
        private String host = "0.0.0.0";
        private int port = 8080;
        private int ioThreads = 0;
        private Router router = new Router();
        private Executor blockingWorkers = Runnable::run;
        private long defaultBodyLimit = 64 * 1024;
        private final Map<String, Long> bodyLimits = new HashMap<>();
        private final Map<String, java.util.function.Function<io.netty.handler.codec.http.HttpRequest, java.util.Optional<HttpError>>> gates = new HashMap<>();
        private String websocketPath;
        private int maxFrameBytes = 64 * 1024;
        private Supplier<ChannelHandler> websocketHandler;
        private final Set<String> allowedOrigins = new HashSet<>();
        private final Set<InetAddress> trustedProxies = new HashSet<>();

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        public Builder router(Router router) {
            this.router = router;
            return this;
        }

        /** Where {@link HttpExchange#blocking} work runs: a bounded pool that rejects when full (503). */
        public Builder blockingWorkers(Executor executor) {
            this.blockingWorkers = executor;
            return this;
        }

        /** Body limit for everything not matched by {@link #bodyLimit(String, long)}; default 64 KiB. */
        public Builder defaultBodyLimit(long bytes) {
            this.defaultBodyLimit = bytes;
            return this;
        }

        /** A larger (or smaller) body limit for paths starting with {@code pathPrefix}; longest prefix wins. */
        public Builder bodyLimit(String pathPrefix, long bytes) {
            this.bodyLimits.put(pathPrefix, bytes);
            return this;
        }

        /**
         * A check of the request head for paths starting with {@code pathPrefix}, run before the body is read:
         * an error answers at once and the body is never buffered. Must be cheap and must not block.
         */
        public Builder gate(String pathPrefix,
                            java.util.function.Function<io.netty.handler.codec.http.HttpRequest, java.util.Optional<HttpError>> gate) {
            this.gates.put(pathPrefix, gate);
            return this;
        }

        /**
         * Serves a WebSocket at {@code path}; each connection gets a new handler from {@code handler}, which
         * receives complete (aggregated) {@code WebSocketFrame}s of at most {@code maxFrameBytes}. A too large
         * or malformed frame reaches the handler as an exception ({@code TooLongFrameException},
         * {@code CorruptedFrameException}); the handler sends the close frame (unhandled, the connection closes).
         */
        public Builder websocket(String path, int maxFrameBytes, Supplier<ChannelHandler> handler) {
            this.websocketPath = path;
            this.maxFrameBytes = maxFrameBytes;
            this.websocketHandler = handler;
            return this;
        }

        /** Extra origins allowed to open the WebSocket besides same-origin, e.g. {@code https://praxis.example}. */
        public Builder allowedOrigin(String origin) {
            this.allowedOrigins.add(origin.toLowerCase(Locale.ROOT).replaceAll("/+$", ""));
            return this;
        }

        /** Reverse proxies whose {@code X-Forwarded-For} is believed (for rate limits by client address). */
        public Builder trustedProxy(String address) {
            try {
                this.trustedProxies.add(InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + address);
            }
            return this;
        }

        public HttpServer build() {
            return new HttpServer(this);
        }

        InetAddress clientAddress(ChannelHandlerContext ctx, FullHttpRequest request) {
            InetAddress peer = HttpExchange.addressOf(ctx);
            if (!trustedProxies.contains(peer)) {
                return peer;
            }
            String xff = request.headers().get("X-Forwarded-For");
            if (xff == null || xff.isBlank()) {
                return peer;
            }
            String[] hops = xff.split(",");
            String last = hops[hops.length - 1].trim();
            if (!last.matches("[0-9a-fA-F:.]+")) {
                return peer;
            }
            try {
                return InetAddress.getByName(last);
            } catch (UnknownHostException e) {
                return peer;
            }
        }
    }
}
