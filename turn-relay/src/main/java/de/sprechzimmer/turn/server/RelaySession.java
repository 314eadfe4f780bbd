package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.Allocation;
import de.sprechzimmer.turn.policy.Bandwidth;
import de.sprechzimmer.turn.proto.AddressFamily;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * A live allocation with its network parts: the client link, the relay socket and the per-direction bandwidth
 * buckets. Confined to the client link's event loop, which also serves the relay socket.
 */
final class RelaySession {

    private final Allocation allocation;
    private final ClientLink link;
    private final Channel relay;
    private final PeerSender peers;
    private final InetSocketAddress advertised;
    private final Bandwidth toPeer;
    private final Bandwidth toClient;
    private final Runnable release;
    private boolean closed;

    RelaySession(Allocation allocation, ClientLink link, Channel relay, InetSocketAddress advertised,
                 Bandwidth toPeer, Bandwidth toClient, Runnable release) {
        this.allocation = allocation;
        this.link = link;
        this.relay = relay;
        this.peers = new PeerSender(relay);
        this.advertised = advertised;
        this.toPeer = toPeer;
        this.toClient = toClient;
        this.release = release;
    }

    Allocation allocation() {
        return allocation;
    }

    ClientLink link() {
        return link;
    }

    Channel relay() {
        return relay;
    }

    /** Sends datagrams to peers from the relay socket. */
    PeerSender peers() {
        return peers;
    }

    /** The XOR-RELAYED-ADDRESS clients see (the external address behind 1:1 NAT). */
    InetSocketAddress advertised() {
        return advertised;
    }

    /** The family of the relayed address; peers must match it (RFC 8656 §9.1: otherwise 443). */
    AddressFamily family() {
        return AddressFamily.of(((InetSocketAddress) relay.localAddress()).getAddress());
    }

    Bandwidth toPeer() {
        return toPeer;
    }

    Bandwidth toClient() {
        return toClient;
    }

    boolean alive() {
        if (closed) {
            return false;
        }
        if (allocation.expired()) {
            close();
            return false;
        }
        return true;
    }

    /** Ends the allocation: relay socket closed, port and quota given back, link told. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        allocation.delete();
        relay.close();
        release.run();
        link.detach(this);
    }

    /** Periodic housekeeping on the event loop: expire the allocation or its lapsed permissions and channels. */
    void sweep() {
        if (alive()) {
            allocation.sweep();
        }
    }
}
