package de.sprechzimmer.turn.allocation;

import io.netty.util.collection.LongObjectHashMap;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map keyed by transport address (IP and port), for the lookups made for every relayed packet: a client's
 * session by its address on a UDP listener, an allocation's channel binding by its peer's address. An IPv4 address
 * is keyed by its address and port packed into a {@code long}, so a lookup compares numbers in one array instead
 * of following an {@link InetSocketAddress} to its holder, its {@link InetAddress} and that one's holder; IPv6
 * addresses are keyed by their {@link InetSocketAddress}. Not thread-safe (each user is confined to one event loop).
 */
public final class TransportAddressMap<V> {

    private final LongObjectHashMap<V> v4 = new LongObjectHashMap<>(4);
    private final Map<InetSocketAddress, V> v6 = new HashMap<>();

    public V get(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address a ? v4.get(key(a, address.getPort())) : v6.get(address);
    }

    public void put(InetSocketAddress address, V value) {
        if (address.getAddress() instanceof Inet4Address a) {
            v4.put(key(a, address.getPort()), value);
        } else {
            v6.put(address, value);
        }
    }

    public void remove(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet4Address a) {
            v4.remove(key(a, address.getPort()));
        } else {
            v6.remove(address);
        }
    }

    /** Removes the entry for {@code address} only while it maps to {@code value} (the same instance). */
    public void remove(InetSocketAddress address, V value) {
        if (get(address) == value) {
            remove(address);
        }
    }

    public int size() {
        return v4.size() + v6.size();
    }

    /** A copy of the values, safe to iterate while entries are removed. */
    public List<V> values() {
        List<V> all = new ArrayList<>(v4.values());
        all.addAll(v6.values());
        return all;
    }

    public void clear() {
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
