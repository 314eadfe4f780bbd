package de.sprechzimmer.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Datagrams to peers leave whole, from the given part of the buffer, over epoll's direct path and over NIO. */
class PeerSenderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void sendsExactlyTheGivenBytesAsOneDatagramUntilTheSocketCloses(String transport) throws Exception {
        boolean epoll = transport.equals("epoll");
        Assumptions.assumeTrue(!epoll || Epoll.isAvailable(), "epoll needs Linux");
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends DatagramChannel> type = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        try (DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
            peer.setSoTimeout(2000);
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, peer.getLocalPort());
            AtomicInteger throughPipeline = new AtomicInteger();
            Channel relay = new Bootstrap().group(group).channel(type).handler(new ChannelOutboundHandlerAdapter() {
                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                    throughPipeline.incrementAndGet();
                    super.write(ctx, msg, promise);
                }
            }).bind(LOOPBACK, 0).sync().channel();
            PeerSender sender = new PeerSender(relay);

            // A ChannelData message as the client sent it, read into a pooled direct buffer: 4 bytes of header,
            // the data, and padding that must not leave.
            ByteBuf received = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            received.writeBytes(new byte[] {0x40, 0x00, 0x00, 0x05});
            received.writeBytes("hallo".getBytes(StandardCharsets.US_ASCII));
            received.writeBytes(new byte[] {0, 0, 0});
            assertThat(onLoop(relay, () -> sender.send(received, 4, 5, to))).isTrue();
            assertThat(receive(peer)).isEqualTo("hallo".getBytes(StandardCharsets.US_ASCII));
            assertThat(received.refCnt()).isEqualTo(1); // the caller still owns it
            // With epoll a direct buffer leaves in one system call, without a DatagramPacket in the pipeline.
            assertThat(throughPipeline.get()).isEqualTo(epoll ? 0 : 1);
            received.release();

            // A heap buffer (a Send indication's DATA) goes through the channel.
            ByteBuf heap = Unpooled.wrappedBuffer("xyz-data".getBytes(StandardCharsets.US_ASCII));
            assertThat(onLoop(relay, () -> sender.send(heap, 4, 4, to))).isTrue();
            assertThat(receive(peer)).isEqualTo("data".getBytes(StandardCharsets.US_ASCII));
            heap.release();

            if (epoll) {
                // An empty datagram, which UDP allows (Netty's channels skip them; the direct path sends it).
                ByteBuf empty = PooledByteBufAllocator.DEFAULT.directBuffer(8).writeBytes(new byte[] {0x40, 0, 0, 0});
                assertThat(onLoop(relay, () -> sender.send(empty, 4, 0, to))).isTrue();
                assertThat(receive(peer)).isEmpty();
                empty.release();
            }

            // Once the relay socket is closed nothing leaves, whatever descriptor the number now belongs to.
            relay.close().sync();
            ByteBuf late = PooledByteBufAllocator.DEFAULT.directBuffer(8).writeBytes(new byte[] {1, 2, 3});
            assertThat(onLoop(relay, () -> sender.send(late, 0, 3, to))).isFalse();
            late.release();
            peer.setSoTimeout(300);
            assertThatThrownBy(() -> receive(peer)).isInstanceOf(SocketTimeoutException.class);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static <T> T onLoop(Channel ch, Callable<T> task) throws Exception {
        return ch.eventLoop().submit(task).get();
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }
}
