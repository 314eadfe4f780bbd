package de.sprechzimmer.turn.proto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes a {@link StunMessage}, then appends MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT when asked
 * (RFC 8489 §14.5-14.7: integrity over everything before it, fingerprint last).
 */
public final class StunEncoder {

    private StunEncoder() {
    }

    /**
     * @param integrity   key and algorithm to sign with, or {@code null} for no integrity attribute
     * @param fingerprint whether to end with FINGERPRINT
     */
    public static byte[] encode(StunMessage m, Integrity integrity, boolean fingerprint) {
        int length = 0;
        for (RawAttribute a : m.attributes()) {
            length += a.wireLength();
        }
        int integrityLength = integrity == null ? 0 : 4 + integrity.algorithm().length;
        int total = StunMessage.HEADER_LENGTH + length + integrityLength + (fingerprint ? 8 : 0);
        if (total - StunMessage.HEADER_LENGTH > 0xFFFF) {
            throw new IllegalArgumentException("message too long");
        }
        byte[] out = new byte[total];
        put16(out, 0, m.type().encode());
        put16(out, 2, total - StunMessage.HEADER_LENGTH);
        put32(out, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(m.transactionId().bytes(), 0, out, 8, TransactionId.LENGTH);
        int pos = StunMessage.HEADER_LENGTH;
        for (RawAttribute a : m.attributes()) {
            put16(out, pos, a.type());
            put16(out, pos + 2, a.value().length);
            System.arraycopy(a.value(), 0, out, pos + 4, a.value().length);
            pos += a.wireLength(); // padding stays zero
        }
        if (integrity != null) {
            Integrity.Algorithm alg = integrity.algorithm();
            byte[] mac = MessageIntegrity.compute(out, pos, alg, integrity.key(), alg.length);
            put16(out, pos, alg.attributeType);
            put16(out, pos + 2, alg.length);
            System.arraycopy(mac, 0, out, pos + 4, alg.length);
            pos += 4 + alg.length;
        }
        if (fingerprint) {
            int crc = Fingerprint.compute(out, pos);
            put16(out, pos, AttributeType.FINGERPRINT);
            put16(out, pos + 2, 4);
            put32(out, pos + 4, crc);
        }
        return out;
    }

    public static ByteBuf encode(ByteBufAllocator alloc, StunMessage m, Integrity integrity, boolean fingerprint) {
        byte[] bytes = encode(m, integrity, fingerprint);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    /**
     * A 400 answer to a request that could not be decoded (unknown method, broken attributes), built from its
     * header alone (RFC 8489 §6.3.1).
     */
    public static byte[] badRequest(StunDecoder.RequestHeader header, String reason) {
        byte[] value = ErrorCodeAttribute.encode(StunError.BAD_REQUEST, reason);
        int padded = (value.length + 3) & ~3;
        byte[] out = new byte[StunMessage.HEADER_LENGTH + 4 + padded];
        put16(out, 0, MessageType.encode(header.methodCode(), MessageClass.ERROR.bits()));
        put16(out, 2, 4 + padded);
        put32(out, 4, StunMessage.MAGIC_COOKIE);
        System.arraycopy(header.transactionId().bytes(), 0, out, 8, TransactionId.LENGTH);
        put16(out, 20, AttributeType.ERROR_CODE);
        put16(out, 22, value.length);
        System.arraycopy(value, 0, out, 24, value.length);
        return out;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
