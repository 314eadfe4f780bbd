package de.sprechzimmer.turn.proto;

import java.util.List;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the 16-bit types a 420 response lists. */
public final class UnknownAttributes {

    private UnknownAttributes() {
    }

    public static RawAttribute encode(List<Integer> types) {
        byte[] v = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            StunEncoder.put16(v, 2 * i, types.get(i));
        }
        return new RawAttribute(AttributeType.UNKNOWN_ATTRIBUTES, v);
    }
}
