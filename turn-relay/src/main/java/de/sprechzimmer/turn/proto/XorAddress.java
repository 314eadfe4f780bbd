package de.sprechzimmer.turn.proto;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS (RFC 8489 §14.2, RFC 8656 §18.3, §18.5): family,
 * port XOR the cookie's top 16 bits, address XOR the cookie (IPv4) or cookie and transaction id (IPv6).
 */
public final class XorAddress {

    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;

    private XorAddress() {
    }

    public static RawAttribute encode(int type, InetSocketAddress address, TransactionId tid) {
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >> 8);
        value[3] = (byte) port;
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask(i, tid));
        }
        return new RawAttribute(type, value);
    }

    /** Decodes the value of an XOR address attribute; 400 on a bad family or length. */
    public static InetSocketAddress decode(byte[] value, TransactionId tid) {
        if (value.length < 4) {
            throw StunException.badRequest("address attribute too short");
        }
        int family = value[1] & 0xFF;
        int length = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw StunException.badRequest("unknown address family");
        };
        if (value.length != 4 + length) {
            throw StunException.badRequest("address length does not match family");
        }
        int port = (((value[2] & 0xFF) << 8) | (value[3] & 0xFF)) ^ (StunMessage.MAGIC_COOKIE >>> 16);
        byte[] ip = new byte[length];
        for (int i = 0; i < length; i++) {
            ip[i] = (byte) (value[4 + i] ^ mask(i, tid));
        }
        try {
            // getByAddress folds an IPv4-mapped ::ffff:a.b.c.d into an Inet4Address: the peer policy and the
            // address-family check then see the IPv4 address it really reaches.
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw StunException.badRequest("bad address");
        }
    }

    /** The address of attribute {@code type} in {@code m}, 400 when absent or malformed. */
    public static InetSocketAddress require(StunMessage m, int type) {
        RawAttribute a = m.attribute(type).orElseThrow(() -> StunException.badRequest("missing address attribute"));
        return decode(a.value(), m.transactionId());
    }

    private static int mask(int i, TransactionId tid) {
        if (i < 4) {
            return StunMessage.MAGIC_COOKIE >>> (24 - 8 * i);
        }
        return tid.byteAt(i - 4);
    }
}
