package de.sprechzimmer.turn.proto;

/** REQUESTED-TRANSPORT (RFC 8656 §18.7): IANA protocol number, 24 reserved bits. */
public final class RequestedTransport {

    public static final int UDP = 17;

    private RequestedTransport() {
    }

    public static RawAttribute encode(int protocol) {
        return new RawAttribute(AttributeType.REQUESTED_TRANSPORT, new byte[] {(byte) protocol, 0, 0, 0});
    }

    /** The protocol number; 400 when absent or malformed (RFC 8656 §7.2 step 5). */
    public static int require(StunMessage m) {
        RawAttribute a = m.attribute(AttributeType.REQUESTED_TRANSPORT)
                .orElseThrow(() -> StunException.badRequest("missing REQUESTED-TRANSPORT"));
        if (a.value().length != 4) {
            throw StunException.badRequest("REQUESTED-TRANSPORT must be 4 bytes");
        }
        return a.value()[0] & 0xFF;
    }
}
