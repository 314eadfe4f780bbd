package de.sprechzimmer.turn.proto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits a TCP or TLS byte stream into STUN messages and ChannelData messages (RFC 8656 §12.5: over streams
 * ChannelData is padded to four bytes, and the first two bits tell the two apart). Emits each frame as a
 * retained slice, ChannelData including its padding. Anything else cannot be resynchronised and fails the stream.
 */
public final class StreamFrameDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int first = in.getByte(in.readerIndex()) & 0xC0;
            int length = in.getUnsignedShort(in.readerIndex() + 2);
            int frame;
            if (first == 0x00) {
                frame = StunMessage.HEADER_LENGTH + length;
            } else if (first == 0x40) {
                frame = ChannelData.HEADER_LENGTH + length + ((-length) & 3);
            } else {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("neither STUN nor ChannelData");
            }
            if (in.readableBytes() < frame) {
                return;
            }
            out.add(in.readRetainedSlice(frame));
        }
    }
}
