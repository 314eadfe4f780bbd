package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.FiveTuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * The client side of one 5-tuple: where answers and relayed data go, and which allocation it holds. A UDP
 * link is a remote address on a listening socket; a TCP or TLS link is the connection itself. Used only on
 * {@link #eventLoop()}.
 */
interface ClientLink {

    FiveTuple fiveTuple();

    EventLoop eventLoop();

    ByteBufAllocator alloc();

    /** Sends one STUN or ChannelData message to the client; takes ownership of {@code message}. */
    void send(ByteBuf message);

    /** Whether ChannelData needs padding to four bytes (RFC 8656 §12.5: stream transports). */
    default boolean stream() {
        return fiveTuple().transport().stream();
    }

    /** The live allocation of this 5-tuple, or {@code null}. */
    RelaySession session();

    void attach(RelaySession session);

    /** Called when {@code session} ends; a stream link closes its connection (RFC 8656 §3.1, one allocation per connection). */
    void detach(RelaySession session);

    /** Marks an Allocate in progress, so a retransmission during the relay bind does not start a second one. */
    boolean beginAllocate();

    void endAllocate();
}
