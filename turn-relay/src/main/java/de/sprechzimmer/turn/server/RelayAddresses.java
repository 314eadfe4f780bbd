package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AddressFamily;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where relay sockets bind, per address family, and what address the relay advertises for each (RFC 8656
 * XOR-RELAYED-ADDRESS). They differ behind 1:1 NAT: the host binds its private address while peers must be told
 * the public one (coturn's {@code external-ip=public/private}).
 */
public final class RelayAddresses {

    private final Map<AddressFamily, InetAddress> bind;
    private final Map<AddressFamily, InetAddress> advertised;

    RelayAddresses(Map<AddressFamily, InetAddress> bind, Map<AddressFamily, InetAddress> advertised) {
        this.bind = Map.copyOf(bind);
        this.advertised = Map.copyOf(advertised);
    }

    /**
     * @param relayIps    configured relay addresses, or empty to derive them from {@code listenIps}
     * @param externalIps {@code public} or {@code public/private} entries
     */
    public static RelayAddresses resolve(List<String> relayIps, List<String> listenIps, List<String> externalIps) {
        Map<AddressFamily, InetAddress> bind = new EnumMap<>(AddressFamily.class);
        List<String> sources = relayIps.isEmpty() ? listenIps : relayIps;
        for (String text : sources) {
            InetAddress a = literal(text);
            if (a.isAnyLocalAddress()) {
                firstInterfaceAddress(AddressFamily.of(a)).ifPresent(found -> bind.putIfAbsent(AddressFamily.of(found), found));
                if (a instanceof Inet6Address) {
                    // "::" listens on both families; relay IPv4 too.
                    firstInterfaceAddress(AddressFamily.IPV4).ifPresent(found -> bind.putIfAbsent(AddressFamily.IPV4, found));
                }
            } else if (bind.putIfAbsent(AddressFamily.of(a), a) != null && !relayIps.isEmpty()) {
                throw new IllegalArgumentException("at most one relay address per address family");
            }
        }
        if (bind.isEmpty()) {
            bind.put(AddressFamily.IPV4, InetAddress.getLoopbackAddress());
        }
        Map<AddressFamily, InetAddress> advertised = new EnumMap<>(bind);
        for (String entry : externalIps) {
            int slash = entry.indexOf('/');
            InetAddress external = literal(slash < 0 ? entry : entry.substring(0, slash));
            AddressFamily family = AddressFamily.of(external);
            if (slash >= 0) {
                InetAddress internal = literal(entry.substring(slash + 1));
                if (!internal.equals(bind.get(AddressFamily.of(internal)))) {
                    throw new IllegalArgumentException("external address maps a private address that is not a relay address");
                }
                family = AddressFamily.of(internal);
            }
            if (!bind.containsKey(family)) {
                throw new IllegalArgumentException("external address for a family without relay address");
            }
            advertised.put(family, external);
        }
        return new RelayAddresses(bind, advertised);
    }

    public Optional<InetAddress> bindAddress(AddressFamily family) {
        return Optional.ofNullable(bind.get(family));
    }

    public InetAddress advertised(AddressFamily family) {
        return advertised.get(family);
    }

    public Map<AddressFamily, InetAddress> bindAddresses() {
        return bind;
    }

    static InetAddress literal(String text) {
        String t = text.trim();
        if (!t.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address literal: " + t);
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + t);
        }
    }

    private static Optional<InetAddress> firstInterfaceAddress(AddressFamily family) {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (AddressFamily.of(a) == family && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
