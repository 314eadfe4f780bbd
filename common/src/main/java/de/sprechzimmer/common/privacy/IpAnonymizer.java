package de.sprechzimmer.common.privacy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Truncates IP addresses the moment they arrive: IPv4 to its /24, IPv6 to its /48 (DESIGN.md promise).
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are treated as the IPv4 address they carry.
 * Only the truncated form may be stored, and at most 15 days.
 */
public final class IpAnonymizer {

    private IpAnonymizer() {
    }

    /** {@code 203.0.113.77} to {@code 203.0.113.0}, {@code 2001:db8:1234:5678::1} to {@code 2001:db8:1234::}. */
    public static String anonymize(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(b)) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + ".0";
        }
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0";
        }
        byte[] truncated = new byte[16];
        System.arraycopy(b, 0, truncated, 0, 6);
        try {
            return compress(InetAddress.getByAddress(truncated).getHostAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** Java prints {@code 2001:db8:1234:0:0:0:0:0}; the canonical RFC 5952 text is {@code 2001:db8:1234::}. */
    private static String compress(String full) {
        String s = full.replaceFirst("(^|:)(0(:|$)){2,}", "::");
        return s.replace(":::", "::");
    }
}
