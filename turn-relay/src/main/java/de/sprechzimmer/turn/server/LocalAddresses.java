package de.sprechzimmer.turn.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host's own addresses that a wildcard listener receives on. A UDP socket bound to the wildcard answers from
 * whatever source address the kernel picks for the client's route, which on a host with several addresses need
 * not be the address the client sent to; the client then drops the answer (RFC 8489 §6.3: a response goes back
 * from the request's destination). So the relay binds a UDP listener to each of these addresses too: the kernel
 * hands a datagram to the socket bound to its destination address before the wildcard one.
 */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * @param wildcard {@code 0.0.0.0} (IPv4 addresses) or {@code ::} (IPv4 and IPv6 addresses)
     * @return the addresses of the interfaces that are up, loopback included, IPv6 link-local left out (they need a
     *     scope and no TURN client is told them); empty when the interfaces cannot be read
     */
    public static List<InetAddress> behind(InetAddress wildcard) {
        if (!wildcard.isAnyLocalAddress()) {
            throw new IllegalArgumentException("not a wildcard address");
        }
        boolean ipv6 = wildcard instanceof Inet6Address;
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    boolean wanted = a instanceof Inet4Address || (ipv6 && !a.isLinkLocalAddress());
                    if (wanted && !out.contains(a)) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return List.copyOf(out);
    }
}
