package de.sprechzimmer.turn.allocation;

import io.netty.util.collection.LongObjectHashMap;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * An allocation's channel bindings by peer transport address, looked up for every packet from a peer. An IPv4 peer
 * is keyed by its address and port packed into a {@code long}, so the lookup compares numbers in one array instead
 * of following an {@link InetSocketAddress} to its holder, its {@link InetAddress} and that one's holder; IPv6
 * peers are keyed by their {@link InetSocketAddress}.
 */
final class ChannelsByPeer {

    private final LongObjectHashMap<ChannelBinding> v4 = new LongObjectHashMap<>(4);
    private final Map<InetSocketAddress, ChannelBinding> v6 = new HashMap<>();

    ChannelBinding get(InetSocketAddress peer) {
        return peer.getAddress() instanceof Inet4Address a ? v4.get(key(a, peer.getPort())) : v6.get(peer);
    }

    void put(InetSocketAddress peer, ChannelBinding binding) {
        if (peer.getAddress() instanceof Inet4Address a) {
            v4.put(key(a, peer.getPort()), binding);
        } else {
            v6.put(peer, binding);
        }
    }

    void remove(InetSocketAddress peer) {
        if (peer.getAddress() instanceof Inet4Address a) {
            v4.remove(key(a, peer.getPort()));
        } else {
            v6.remove(peer);
        }
    }

    void clear() {
        v4.clear();
        v6.clear();
    }

    /** The IPv4 address in the upper 32 of the lower 48 bits, the port in the lowest 16. */
    private static long key(Inet4Address address, int port) {
        byte[] b = address.getAddress();
        long ip = (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL);
        return ip << 16 | port;
    }
}
