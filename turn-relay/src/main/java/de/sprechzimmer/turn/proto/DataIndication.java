package de.sprechzimmer.turn.proto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;

/**
 * Data indications (RFC 8656 §11.3) written straight into a buffer: the relay sends one for every peer packet
 * that has no channel, so this skips the general {@link StunEncoder}.
 */
public final class DataIndication {

    private DataIndication() {
    }

    /** Encodes a Data indication carrying {@code data} from {@code peer}; does not consume {@code data}. */
    public static ByteBuf encode(ByteBufAllocator alloc, InetSocketAddress peer, ByteBuf data) {
        TransactionId tid = TransactionId.random();
        RawAttribute peerAttr = XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, peer, tid);
        int length = data.readableBytes();
        int padding = (-length) & 3;
        int bodyLength = peerAttr.wireLength() + 4 + length + padding;
        ByteBuf out = alloc.directBuffer(StunMessage.HEADER_LENGTH + bodyLength);
        out.writeShort(new MessageType(Method.DATA, MessageClass.INDICATION).encode());
        out.writeShort(bodyLength);
        out.writeInt(StunMessage.MAGIC_COOKIE);
        out.writeBytes(tid.bytes());
        out.writeShort(peerAttr.type()).writeShort(peerAttr.value().length).writeBytes(peerAttr.value());
        out.writeShort(AttributeType.DATA).writeShort(length);
        out.writeBytes(data, data.readerIndex(), length);
        out.writeZero(padding);
        return out;
    }
}
