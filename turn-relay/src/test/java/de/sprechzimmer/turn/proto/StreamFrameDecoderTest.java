package de.sprechzimmer.turn.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class StreamFrameDecoderTest {

    @Test
    void splitsStunAndPaddedChannelDataAcrossArbitraryChunks() {
        byte[] stun = StunEncoder.encode(StunMessage.builder(MessageType.request(Method.BINDING), TransactionId.random()).build(), null, true);
        byte[] channel = {0x40, 0x00, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0};
        byte[] stream = new byte[stun.length + channel.length];
        System.arraycopy(stun, 0, stream, 0, stun.length);
        System.arraycopy(channel, 0, stream, stun.length, channel.length);

        EmbeddedChannel ch = new EmbeddedChannel(new StreamFrameDecoder());
        for (int i = 0; i < stream.length; i += 3) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(3, stream.length - i)));
        }
        ByteBuf first = ch.readInbound();
        ByteBuf second = ch.readInbound();
        assertThat(first.readableBytes()).isEqualTo(stun.length);
        assertThat(second.readableBytes()).isEqualTo(12);
        assertThat(ChannelData.dataLength(second)).isEqualTo(5);
        assertThat((Object) ch.readInbound()).isNull();
        first.release();
        second.release();
        assertThat(ch.finish()).isFalse();
        assertThat(first.refCnt()).isZero();
    }

    @Test
    void garbageFailsTheStreamAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamFrameDecoder());
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ch.writeInbound(garbage)).isInstanceOf(DecoderException.class);
        assertThat(garbage.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }
}
