package de.sprechzimmer.turn.proto;

/**
 * One TLV attribute as it stands on the wire, unpadded (RFC 8489 §14). Typed attributes ({@link Lifetime},
 * {@link XorAddress}, ...) read and write their values through this.
 *
 * @param type   attribute type code, 16 bits
 * @param value  value bytes without padding (the array is owned by this record; do not change it)
 * @param offset where the attribute header starts in the decoded message, or -1 for one built here
 */
public record RawAttribute(int type, byte[] value, int offset) {

    public RawAttribute {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type out of range");
        }
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value too long");
        }
    }

    public RawAttribute(int type, byte[] value) {
        this(type, value, -1);
    }

    /** Length of the attribute on the wire: header, value and padding to 4 bytes. */
    int wireLength() {
        return 4 + ((value.length + 3) & ~3);
    }
}
