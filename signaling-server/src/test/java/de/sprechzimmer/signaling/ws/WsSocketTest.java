package de.sprechzimmer.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.protocol.Codec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Frames leave a socket in the order they were handed in, whichever thread hands them in. */
class WsSocketTest {

    EventLoopGroup group;
    Channel channel;
    final List<String> written = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        group = new DefaultEventLoopGroup(2);
        LocalAddress address = new LocalAddress("ws-socket-test-" + System.nanoTime());
        new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync();
        channel = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        // records what reaches the wire side of the pipeline, in order
                        written.add(msg instanceof TextWebSocketFrame t ? t.text()
                                : msg instanceof CloseWebSocketFrame c ? "close " + c.statusCode() : "other");
                        ReferenceCountUtil.release(msg);
                        promise.trySuccess();
                    }
                }).connect(address).sync().channel();
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    private WsSocket socket() {
        WsSocket s = new WsSocket(channel, "c1", new SignalingMetrics(new SimpleMeterRegistry()));
        s.release(List.of());
        return s;
    }

    private static String event(long seq) {
        return Codec.frame(seq, "\"type\":\"signal\",\"data\":{}}");
    }

    @Test
    void aFrameSentOnTheEventLoopDoesNotOvertakeOneAnotherThreadSentBefore() throws Exception {
        WsSocket socket = socket();
        channel.eventLoop().submit(() -> {
            // seq 1 comes from another thread (say the doctor's event loop), seq 2 then from this socket's own loop
            Thread other = new Thread(() -> socket.send(event(1)));
            other.start();
            other.join();
            socket.send(event(2));
            return null;
        }).sync();
        await().atMost(Duration.ofSeconds(15)).until(() -> written.size() == 2);
        assertThat(written).extracting(Codec::seqOf).containsExactly(1L, 2L);
    }

    @Test
    void framesFromManyThreadsKeepTheOrderTheyWereHandedIn() throws Exception {
        WsSocket socket = socket();
        Object lock = new Object();
        long[] next = {0};
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    // like a mailbox: numbering and handing in under one lock
                    synchronized (lock) {
                        socket.send(event(++next[0]));
                    }
                }
            });
            threads.add(th);
        }
        // and the event loop itself hands in frames at the same time
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < 500; i++) {
                synchronized (lock) {
                    socket.send(event(++next[0]));
                }
            }
        });
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 2500);
        assertThat(written).extracting(Codec::seqOf).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theCloseFrameFollowsTheErrorSentBeforeIt() throws Exception {
        WsSocket socket = socket();
        Thread worker = new Thread(() -> {
            socket.reply("{\"v\":1,\"type\":\"error\",\"data\":{\"code\":\"token_revoked\"}}");
            socket.close(4403);
            socket.reply("{\"v\":1,\"type\":\"ok\",\"data\":{}}");
        });
        worker.start();
        worker.join();
        await().atMost(Duration.ofSeconds(15)).until(() -> written.size() >= 2);
        assertThat(written).hasSize(2);
        assertThat(written.get(0)).contains("token_revoked");
        assertThat(written.get(1)).isEqualTo("close 4403");
    }
}
