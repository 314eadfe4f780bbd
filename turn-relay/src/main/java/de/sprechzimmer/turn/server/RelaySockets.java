package de.sprechzimmer.turn.server;

import de.sprechzimmer.common.net.Transports;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import java.net.InetSocketAddress;

/**
 * Opens relay sockets on a given event loop, the one of the client link, so that an allocation's both sides run
 * on one thread. Called from that loop, register and bind complete before this returns.
 */
final class RelaySockets {

    private final ChannelFactory<? extends Channel> factory = new ReflectiveChannelFactory<>(Transports.datagramChannel());

    ChannelPromise open(EventLoop loop, InetSocketAddress bindAddress, ChannelHandler handler) {
        Channel ch = factory.newChannel();
        ch.config().setOption(ChannelOption.ALLOCATOR, TurnServer.BUFFERS);
        ch.config().setOption(ChannelOption.SO_RCVBUF, 256 * 1024);
        ch.config().setOption(ChannelOption.SO_SNDBUF, 256 * 1024);
        ch.pipeline().addLast(handler);
        ChannelPromise bound = ch.newPromise();
        loop.register(ch).addListener(f -> {
            if (f.isSuccess()) {
                ch.bind(bindAddress, bound);
            } else {
                bound.setFailure(f.cause());
            }
        });
        return bound;
    }
}
