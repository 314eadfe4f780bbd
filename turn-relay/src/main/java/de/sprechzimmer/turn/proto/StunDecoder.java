package de.sprechzimmer.turn.proto;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one STUN message (RFC 8489 §5, §14). Every check that fails throws a {@link StunException} with 400;
 * nothing here allocates more than the message's own length, which the 16-bit length field bounds.
 */
public final class StunDecoder {

    private StunDecoder() {
    }

    /**
     * True when the readable bytes start like a STUN message: first two bits zero and the magic cookie
     * (RFC 8489 §7.3 demultiplexing). ChannelData starts with 0b01.
     */
    public static boolean looksLikeStun(ByteBuf buf) {
        int i = buf.readerIndex();
        return buf.readableBytes() >= StunMessage.HEADER_LENGTH
                && (buf.getByte(i) & 0xC0) == 0
                && buf.getInt(i + 4) == StunMessage.MAGIC_COOKIE;
    }

    /** Decodes the readable bytes of {@code buf} (exactly one message) without moving its reader index. */
    public static StunMessage decode(ByteBuf buf) {
        byte[] wire = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), wire);
        return decode(wire);
    }

    public static StunMessage decode(byte[] wire) {
        if (wire.length < StunMessage.HEADER_LENGTH) {
            throw StunException.badRequest("shorter than a STUN header");
        }
        int rawType = u16(wire, 0);
        if ((rawType & 0xC000) != 0) {
            throw StunException.badRequest("first two bits not zero");
        }
        int length = u16(wire, 2);
        if (i32(wire, 4) != StunMessage.MAGIC_COOKIE) {
            throw StunException.badRequest("no magic cookie");
        }
        if ((length & 3) != 0 || length + StunMessage.HEADER_LENGTH != wire.length) {
            throw StunException.badRequest("length field does not match");
        }
        Method method = Method.of(MessageType.methodCode(rawType));
        if (method == null) {
            throw StunException.badRequest("unknown method");
        }
        MessageType type = new MessageType(method, MessageClass.of(MessageType.classBits(rawType)));
        byte[] tid = new byte[TransactionId.LENGTH];
        System.arraycopy(wire, 8, tid, 0, TransactionId.LENGTH);

        List<RawAttribute> attributes = new ArrayList<>();
        int pos = StunMessage.HEADER_LENGTH;
        boolean afterIntegrity = false;
        boolean sawFingerprint = false;
        while (pos < wire.length) {
            if (sawFingerprint) {
                throw StunException.badRequest("attribute after FINGERPRINT");
            }
            if (pos + 4 > wire.length) {
                throw StunException.badRequest("truncated attribute header");
            }
            int attrType = u16(wire, pos);
            int attrLength = u16(wire, pos + 2);
            int padded = (attrLength + 3) & ~3;
            if (pos + 4 + padded > wire.length) {
                throw StunException.badRequest("attribute runs past the message");
            }
            byte[] value = new byte[attrLength];
            System.arraycopy(wire, pos + 4, value, 0, attrLength);
            // RFC 8489 §14.5: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count.
            if (!afterIntegrity || attrType == AttributeType.FINGERPRINT || attrType == AttributeType.MESSAGE_INTEGRITY_SHA256) {
                attributes.add(new RawAttribute(attrType, value, pos));
            }
            if (attrType == AttributeType.MESSAGE_INTEGRITY || attrType == AttributeType.MESSAGE_INTEGRITY_SHA256) {
                afterIntegrity = true;
            }
            if (attrType == AttributeType.FINGERPRINT) {
                sawFingerprint = true;
            }
            pos += 4 + padded;
        }
        return new StunMessage(type, new TransactionId(tid), attributes, wire);
    }

    /**
     * The type and transaction id of something that claims to be a STUN request, so that even a message that
     * fails to decode can be answered with 400 (RFC 8489 §6.3.1); empty for anything else.
     */
    public static Optional<RequestHeader> requestHeader(ByteBuf buf) {
        if (!looksLikeStun(buf)) {
            return Optional.empty();
        }
        int i = buf.readerIndex();
        int rawType = buf.getUnsignedShort(i);
        if (MessageType.classBits(rawType) != MessageClass.REQUEST.bits()) {
            return Optional.empty();
        }
        byte[] tid = new byte[TransactionId.LENGTH];
        buf.getBytes(i + 8, tid);
        return Optional.of(new RequestHeader(MessageType.methodCode(rawType), new TransactionId(tid)));
    }

    /** What {@link #requestHeader(ByteBuf)} found. */
    public record RequestHeader(int methodCode, TransactionId transactionId) {
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
