package de.sprechzimmer.turn.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;

/**
 * Flushes one channel once per event-loop iteration instead of once per message: everything relayed to clients
 * in one iteration leaves in one flush, which the epoll datagram transport turns into one sendmmsg. Confined to the
 * channel's event loop.
 */
final class FlushBatcher {

    private final Channel channel;
    private final Runnable flush = this::flushNow;
    private boolean pending;

    FlushBatcher(Channel channel) {
        this.channel = channel;
    }

    /** Writes {@code msg} and makes sure a flush follows at the end of this event-loop iteration. */
    void write(Object msg) {
        channel.write(msg, channel.voidPromise());
        if (pending) {
            return;
        }
        EventLoop loop = channel.eventLoop();
        if (loop instanceof SingleThreadEventLoop batching) {
            pending = true;
            batching.executeAfterEventLoopIteration(flush);
        } else {
            channel.flush(); // e.g. an EmbeddedChannel in tests
        }
    }

    private void flushNow() {
        pending = false;
        channel.flush();
    }
}
