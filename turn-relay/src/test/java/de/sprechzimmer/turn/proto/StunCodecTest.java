package de.sprechzimmer.turn.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunCodecTest {

    private static final byte[] KEY = MessageIntegrity.longTermKey("user", "realm", "pass");

    @Test
    void messageTypeInterleavesMethodAndClass() {
        // RFC 8489 §5: Binding request 0x0001, success 0x0101, error 0x0111; Allocate request 0x0003.
        assertThat(MessageType.request(Method.BINDING).encode()).isEqualTo(0x0001);
        assertThat(MessageType.request(Method.BINDING).success().encode()).isEqualTo(0x0101);
        assertThat(MessageType.request(Method.BINDING).error().encode()).isEqualTo(0x0111);
        assertThat(MessageType.request(Method.ALLOCATE).encode()).isEqualTo(0x0003);
        assertThat(new MessageType(Method.SEND, MessageClass.INDICATION).encode()).isEqualTo(0x0016);
        assertThat(new MessageType(Method.DATA, MessageClass.INDICATION).encode()).isEqualTo(0x0017);
        for (Method m : Method.values()) {
            for (MessageClass c : MessageClass.values()) {
                int t = new MessageType(m, c).encode();
                assertThat(MessageType.methodCode(t)).isEqualTo(m.code());
                assertThat(MessageType.classBits(t)).isEqualTo(c.bits());
            }
        }
    }

    @Test
    void sha256IntegrityRoundTripsAndRejectsOtherKeys() {
        StunMessage m = StunMessage.builder(MessageType.request(Method.REFRESH), TransactionId.random())
                .add(Lifetime.encode(Duration.ofMinutes(5)))
                .build();
        StunMessage decoded = StunDecoder.decode(StunEncoder.encode(m, new Integrity(Integrity.Algorithm.SHA256, KEY), true));
        assertThat(MessageIntegrity.algorithmOf(decoded)).contains(Integrity.Algorithm.SHA256);
        assertThat(MessageIntegrity.verify(decoded, Integrity.Algorithm.SHA256, KEY)).isTrue();
        assertThat(MessageIntegrity.verify(decoded, Integrity.Algorithm.SHA256, new byte[16])).isFalse();
        assertThat(Lifetime.of(decoded)).contains(Duration.ofMinutes(5));
        assertThat(Fingerprint.check(decoded)).contains(true);
    }

    @Test
    void xorAddressesRoundTripForBothFamilies() {
        TransactionId tid = TransactionId.random();
        for (String host : List.of("203.0.113.9", "2001:db8::42")) {
            InetSocketAddress a = new InetSocketAddress(host, 61000);
            RawAttribute raw = XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, a, tid);
            assertThat(XorAddress.decode(raw.value(), tid)).isEqualTo(a);
        }
    }

    @Test
    void ipv4MappedPeerDecodesAsIpv4() {
        TransactionId tid = TransactionId.random();
        RawAttribute raw = XorAddress.encode(AttributeType.XOR_PEER_ADDRESS,
                new InetSocketAddress("::ffff:127.0.0.1", 9), tid);
        // Java already folds the mapped form: the encoder writes it as IPv4, the decoder of a 16-byte form folds it.
        assertThat(XorAddress.decode(raw.value(), tid).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedMessagesAreBadRequests() {
        byte[] ok = StunEncoder.encode(StunMessage.builder(MessageType.request(Method.BINDING), TransactionId.random()).build(), null, false);
        byte[] badCookie = ok.clone();
        badCookie[4] = 0;
        byte[] badLength = ok.clone();
        badLength[3] = 4;
        byte[] attrPastEnd = new byte[ok.length + 4];
        System.arraycopy(ok, 0, attrPastEnd, 0, ok.length);
        attrPastEnd[3] = 4;
        attrPastEnd[22] = 0x10; // attribute claims 4096 bytes
        for (byte[] bad : List.of(new byte[5], badCookie, badLength, attrPastEnd)) {
            assertThatThrownBy(() -> StunDecoder.decode(bad))
                    .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.error()).isEqualTo(StunError.BAD_REQUEST));
        }
    }

    @Test
    void unknownComprehensionRequiredAttributesAreListed() {
        StunMessage m = StunMessage.builder(MessageType.request(Method.ALLOCATE), TransactionId.random())
                .add(AttributeType.DONT_FRAGMENT, new byte[0])
                .add(0x7777, new byte[] {1})
                .add(0xC001, new byte[] {1}) // comprehension-optional: ignored
                .build();
        assertThat(StunDecoder.decode(StunEncoder.encode(m, null, false)).unknownComprehensionRequired())
                .containsExactly(AttributeType.DONT_FRAGMENT, 0x7777);
    }

    @Test
    void attributesAfterIntegrityOtherThanFingerprintAreIgnored() {
        StunMessage m = StunMessage.builder(MessageType.request(Method.BINDING), TransactionId.random()).build();
        byte[] signed = StunEncoder.encode(m, new Integrity(Integrity.Algorithm.SHA1, KEY), false);
        byte[] extended = new byte[signed.length + 8];
        System.arraycopy(signed, 0, extended, 0, signed.length);
        extended[3] = (byte) (extended.length - 20);
        extended[signed.length] = 0x00;
        extended[signed.length + 1] = 0x24; // PRIORITY after MESSAGE-INTEGRITY
        extended[signed.length + 3] = 4;
        StunMessage decoded = StunDecoder.decode(extended);
        assertThat(decoded.has(AttributeType.PRIORITY)).isFalse();
        assertThat(MessageIntegrity.verify(decoded, Integrity.Algorithm.SHA1, KEY)).isTrue();
    }

    @Test
    void channelDataIsPaddedOnStreamsOnly() {
        ByteBuf data = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5});
        ByteBuf udp = ChannelData.encode(ByteBufAllocator.DEFAULT, 0x4001, data, false);
        ByteBuf tcp = ChannelData.encode(ByteBufAllocator.DEFAULT, 0x4001, data, true);
        try {
            assertThat(udp.readableBytes()).isEqualTo(9);
            assertThat(tcp.readableBytes()).isEqualTo(12);
            assertThat(ChannelData.looksLikeChannelData(tcp)).isTrue();
            assertThat(ChannelData.channelNumber(tcp)).isEqualTo(0x4001);
            assertThat(ChannelData.dataLength(tcp)).isEqualTo(5);
            assertThat(ChannelData.dataLength(udp.slice(0, 8))).isEqualTo(-1);
        } finally {
            data.release();
            udp.release();
            tcp.release();
        }
    }

    @Test
    void dataIndicationDecodesWithTheGeneralDecoder() {
        ByteBuf data = Unpooled.wrappedBuffer(new byte[] {9, 8, 7});
        InetSocketAddress peer = new InetSocketAddress("198.51.100.7", 5000);
        ByteBuf ind = DataIndication.encode(ByteBufAllocator.DEFAULT, peer, data);
        try {
            StunMessage m = StunDecoder.decode(ind);
            assertThat(m.type()).isEqualTo(new MessageType(Method.DATA, MessageClass.INDICATION));
            assertThat(XorAddress.require(m, AttributeType.XOR_PEER_ADDRESS)).isEqualTo(peer);
            assertThat(m.attribute(AttributeType.DATA).orElseThrow().value()).containsExactly(9, 8, 7);
        } finally {
            data.release();
            ind.release();
        }
    }
}
