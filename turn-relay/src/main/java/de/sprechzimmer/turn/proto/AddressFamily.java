package de.sprechzimmer.turn.proto;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** IP address families as REQUESTED-ADDRESS-FAMILY names them (RFC 8656 §18.8, RFC 6156). */
public enum AddressFamily {
    IPV4(0x01),
    IPV6(0x02);

    private final int code;

    AddressFamily(int code) {
        this.code = code;
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    public RawAttribute encode() {
        return new RawAttribute(AttributeType.REQUESTED_ADDRESS_FAMILY, new byte[] {(byte) code, 0, 0, 0});
    }

    /** REQUESTED-ADDRESS-FAMILY of a request, empty when absent; 440 for an unknown family, 400 when malformed. */
    public static Optional<AddressFamily> requested(StunMessage m) {
        return m.attribute(AttributeType.REQUESTED_ADDRESS_FAMILY).map(a -> {
            if (a.value().length != 4) {
                throw StunException.badRequest("REQUESTED-ADDRESS-FAMILY must be 4 bytes");
            }
            int code = a.value()[0] & 0xFF;
            for (AddressFamily f : values()) {
                if (f.code == code) {
                    return f;
                }
            }
            throw new StunException(StunError.ADDRESS_FAMILY_NOT_SUPPORTED, "unknown address family");
        });
    }
}
