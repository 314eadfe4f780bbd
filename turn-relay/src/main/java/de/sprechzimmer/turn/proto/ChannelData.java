package de.sprechzimmer.turn.proto;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * ChannelData (RFC 8656 §12.4): channel number, length, application data. The relay's hot path, so it works on
 * buffers in place instead of building message objects.
 */
public final class ChannelData {

    public static final int HEADER_LENGTH = 4;

    private ChannelData() {
    }

    /** RFC 8656 §7.3 demultiplexing: the first two bits of ChannelData are 0b01. */
    public static boolean looksLikeChannelData(ByteBuf buf) {
        return buf.readableBytes() >= HEADER_LENGTH && (buf.getByte(buf.readerIndex()) & 0xC0) == 0x40;
    }

    public static int channelNumber(ByteBuf buf) {
        return buf.getUnsignedShort(buf.readerIndex());
    }

    /**
     * The application data length, or -1 when the header claims more than the buffer holds (RFC 8656 §12.5:
     * such a message is discarded). Trailing bytes are padding, which UDP may and TCP must carry.
     */
    public static int dataLength(ByteBuf buf) {
        int length = buf.getUnsignedShort(buf.readerIndex() + 2);
        return HEADER_LENGTH + length <= buf.readableBytes() ? length : -1;
    }

    /**
     * Writes a ChannelData header, {@code data} and, when {@code pad} (stream transports, RFC 8656 §12.5), zero
     * padding to a multiple of four. Does not consume or release {@code data}.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int channel, ByteBuf data, boolean pad) {
        int length = data.readableBytes();
        int padding = pad ? (-length) & 3 : 0;
        ByteBuf out = alloc.directBuffer(HEADER_LENGTH + length + padding);
        out.writeShort(channel).writeShort(length);
        out.writeBytes(data, data.readerIndex(), length);
        out.writeZero(padding);
        return out;
    }
}
