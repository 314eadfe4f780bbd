package de.sprechzimmer.turn.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which peers the relay may send to. By default everything that is not a public unicast address is refused
 * (403): loopback, RFC 1918, CGNAT, ULA, link-local, multicast, unspecified, reserved and cloud metadata
 * addresses. An address that embeds an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo) is
 * judged by the embedded one too: those forms are how relays were tricked into reaching their own loopback
 * (coturn CVE-2020-26262, CVE-2026-27624). The allow-list opens ranges despite the deny list (tests, LAN
 * deployments); it is matched against the same normalised forms.
 */
public final class PeerPolicy {

    /** Refused unless allow-listed. Cloud metadata (169.254.169.254, fd00:ec2::254, 100.100.100.200) falls inside. */
    public static final List<Cidr> DENIED = Cidr.parseList(String.join(",",
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    private final List<Cidr> allowed;

    public PeerPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** True when the relay may send to {@code peer}. */
    public boolean allowed(InetAddress peer) {
        for (byte[] form : forms(peer.getAddress())) {
            if (!matches(allowed, form) && matches(DENIED, form)) {
                return false;
            }
        }
        return true;
    }

    /** The address itself and every IPv4 address it embeds. */
    static List<byte[]> forms(byte[] a) {
        List<byte[]> out = new ArrayList<>(3);
        out.add(a);
        if (a.length != 16) {
            return out;
        }
        if (zero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            out.add(slice(a, 12)); // ::ffff:a.b.c.d, IPv4-mapped
        } else if (zero(a, 0, 12) && a[12] != 0) {
            // ::a.b.c.d, IPv4-compatible (deprecated, still routable on some stacks); ::1 and :: are not.
            out.add(slice(a, 12));
        } else if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x02) {
            out.add(slice(a, 2)); // 2002:AABB:CCDD::/48, 6to4 (RFC 3056)
        } else if ((a[0] & 0xFF) == 0x00 && (a[1] & 0xFF) == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B
                && zero(a, 4, 12)) {
            out.add(slice(a, 12)); // 64:ff9b::/96, NAT64 well-known prefix (RFC 6052)
        } else if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x01 && a[2] == 0 && a[3] == 0) {
            out.add(slice(a, 4)); // 2001::/32 Teredo (RFC 4380): server address...
            byte[] client = slice(a, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i]; // ...and the obfuscated client address
            }
            out.add(client);
        }
        return out;
    }

    private static boolean matches(List<Cidr> ranges, byte[] a) {
        for (Cidr c : ranges) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] a, int from) {
        byte[] out = new byte[4];
        System.arraycopy(a, from, out, 0, 4);
        return out;
    }
}
