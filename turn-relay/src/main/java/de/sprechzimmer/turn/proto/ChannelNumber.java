package de.sprechzimmer.turn.proto;

/** CHANNEL-NUMBER (RFC 8656 §18.1): 16-bit number, 16 reserved bits. */
public final class ChannelNumber {

    /** RFC 8656 §12: channel numbers are 0x4000 through 0x4FFF. */
    public static final int MIN = 0x4000;
    public static final int MAX = 0x4FFF;
    /** RFC 5766 §11 allowed up to 0x7FFF; coturn's test client still uses that range. */
    public static final int MAX_RFC5766 = 0x7FFF;

    private ChannelNumber() {
    }

    public static RawAttribute encode(int number) {
        byte[] v = new byte[4];
        StunEncoder.put16(v, 0, number);
        return new RawAttribute(AttributeType.CHANNEL_NUMBER, v);
    }

    /** The channel number of a request; 400 when absent or malformed. Range checks are the caller's policy. */
    public static int require(StunMessage m) {
        RawAttribute a = m.attribute(AttributeType.CHANNEL_NUMBER)
                .orElseThrow(() -> StunException.badRequest("missing CHANNEL-NUMBER"));
        if (a.value().length != 4) {
            throw StunException.badRequest("CHANNEL-NUMBER must be 4 bytes");
        }
        return StunDecoder.u16(a.value(), 0);
    }
}
