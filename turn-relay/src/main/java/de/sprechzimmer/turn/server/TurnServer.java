package de.sprechzimmer.turn.server;

import de.sprechzimmer.common.net.Transports;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.turn.allocation.AllocationCounters;
import de.sprechzimmer.turn.allocation.RelayPorts;
import de.sprechzimmer.turn.allocation.Transport;
import de.sprechzimmer.turn.auth.Authenticator;
import de.sprechzimmer.turn.proto.StreamFrameDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The network side: UDP, TCP and TLS listeners on one event loop group, and the periodic sweep. */
public final class TurnServer implements AutoCloseable {

    /** How often lapsed allocations, permissions and channels are swept (lookups check expiry anyway). */
    static final Duration SWEEP_PERIOD = Duration.ofSeconds(5);
    /** A TCP/TLS connection that makes no allocation within this time is closed. */
    static final Duration STREAM_IDLE = Duration.ofSeconds(60);

    /** Largest UDP datagram read from clients; TURN over UDP stays below the path MTU anyway. */
    static final int MAX_DATAGRAM = 4096;

    /**
     * The buffers of every TURN socket: Netty's pooled allocator, with a cache per event loop. Netty's default
     * (adaptive) allocator treats a JVM with at most 512 MiB of heap, as the relay is recommended to run, as short
     * of memory: it then gets each 32 KiB read buffer of a UDP listener from malloc, zeroed, and frees it again
     * after every read (docs/turn-relay.md, "the buffer allocator at a 512 MiB heap").
     */
    static final ByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;

    private final TurnProcessor processor;
    private final Sessions sessions = new Sessions();
    private final Scheduler scheduler;
    private final EventLoopGroup group;
    private final int loops;
    private final List<Channel> channels = new ArrayList<>();
    private Scheduler.Cancellable sweep;

    public TurnServer(ServerConfig config, Authenticator auth, RelayPorts ports, MeterRegistry registry,
                      Scheduler scheduler, int threads) {
        AllocationCounters counters = new AllocationCounters();
        TurnMetrics metrics = new TurnMetrics(registry, counters);
        this.processor = new TurnProcessor(new TurnContext(config, auth, ports, new RelaySockets(), sessions, counters,
                metrics, scheduler.clock()));
        this.scheduler = scheduler;
        this.loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.group = Transports.group(loops, "turn");
    }

    /** Binds UDP listeners (one per event loop with epoll's SO_REUSEPORT) and returns the port. */
    public int bindUdp(InetAddress ip, int port) throws InterruptedException {
        int sockets = Transports.epoll() ? loops : 1;
        int bound = port;
        for (int i = 0; i < sockets; i++) {
            Bootstrap b = new Bootstrap().group(group).channel(Transports.datagramChannel())
                    .option(ChannelOption.ALLOCATOR, BUFFERS)
                    .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
                    .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
                    .handler(new UdpListener(processor));
            if (Transports.epoll()) {
                // One socket per loop on the same port, and recvmmsg: up to 8 datagrams of at most
                // MAX_DATAGRAM bytes per system call (larger ones are truncated and then fail to decode).
                b.option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(8 * MAX_DATAGRAM));
            }
            Channel ch = b.bind(ip, bound).sync().channel();
            channels.add(ch);
            bound = ((InetSocketAddress) ch.localAddress()).getPort();
        }
        return bound;
    }

    /** Binds a TCP listener, or TLS when {@code tls} is given; returns the port. */
    public int bindStream(InetAddress ip, int port, SslContext tls) throws InterruptedException {
        Transport transport = tls == null ? Transport.TCP : Transport.TLS;
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.ALLOCATOR, BUFFERS)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new IdleStateHandler(STREAM_IDLE.toSeconds(), 0, 0, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new StreamFrameDecoder());
                        ch.pipeline().addLast(new StreamConnection(processor, transport));
                    }
                });
        Channel ch = b.bind(ip, port).sync().channel();
        channels.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Starts the periodic sweep on the injected scheduler. */
    public void startSweeping() {
        sweep = scheduler.scheduleAtFixedRate(SWEEP_PERIOD, SWEEP_PERIOD, sessions::sweepAll);
    }

    public int sessionCount() {
        return sessions.size();
    }

    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel();
        }
        sessions.closeAll();
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
