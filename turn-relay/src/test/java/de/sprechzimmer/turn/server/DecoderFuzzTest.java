package de.sprechzimmer.turn.server;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.turn.allocation.AllocationCounters;
import de.sprechzimmer.turn.allocation.Lifetimes;
import de.sprechzimmer.turn.allocation.RelayPorts;
import de.sprechzimmer.turn.allocation.Transport;
import de.sprechzimmer.turn.auth.Authenticator;
import de.sprechzimmer.turn.auth.Nonces;
import de.sprechzimmer.turn.auth.StaticUsers;
import de.sprechzimmer.turn.policy.AllocationQuota;
import de.sprechzimmer.turn.policy.PeerPolicy;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ChannelNumber;
import de.sprechzimmer.turn.proto.ErrorCodeAttribute;
import de.sprechzimmer.turn.proto.EvenPort;
import de.sprechzimmer.turn.proto.Integrity;
import de.sprechzimmer.turn.proto.Lifetime;
import de.sprechzimmer.turn.proto.MessageClass;
import de.sprechzimmer.turn.proto.MessageIntegrity;
import de.sprechzimmer.turn.proto.MessageType;
import de.sprechzimmer.turn.proto.Method;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.RequestedTransport;
import de.sprechzimmer.turn.proto.ReservationToken;
import de.sprechzimmer.turn.proto.StreamFrameDecoder;
import de.sprechzimmer.turn.proto.StunDecoder;
import de.sprechzimmer.turn.proto.StunEncoder;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import de.sprechzimmer.turn.proto.TransactionId;
import de.sprechzimmer.turn.proto.XorAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property-based fuzz test of the whole client-facing pipeline (decoder, authentication, every method
 * handler) with generated input: mutated valid messages (bit flips, truncation, bad lengths, spliced and random
 * bytes) and structurally mutated messages that are re-signed so they pass authentication. Properties: nothing
 * throws out of the pipeline, every input buffer is released, per-message memory stays bounded, undecodable input
 * is answered with 400 or dropped, and nothing but Binding ever gets a success answer. Seeded, so a failure
 * reproduces; the seed is in the assertion message.
 */
class DecoderFuzzTest {

    private static final int ITERATIONS = 20_000;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.5", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 3478);

    private final ManualClock clock = new ManualClock();
    private final Nonces nonces = new Nonces(clock, Duration.ofMinutes(10));
    private final Authenticator auth = new Authenticator("sprechzimmer", nonces, List.of(new StaticUsers(Map.of("fuzz", "pass"))));
    private final TurnProcessor processor = new TurnProcessor(new TurnContext(
            new ServerConfig(Lifetimes.RFC8656, RelayAddresses.resolve(List.of("127.0.0.1"), List.of(), List.of()),
                    new PeerPolicy(List.of()), new AllocationQuota(10, 100), 0, 16),
            auth, new RelayPorts(50000, 50100, clock), new RelaySockets(), new Sessions(), new AllocationCounters(),
            new TurnMetrics(new SimpleMeterRegistry(), new AllocationCounters()), clock));
    private final byte[] key = MessageIntegrity.longTermKey("fuzz", "sprechzimmer", "pass");
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void udpPipelineSurvivesMutatedAndRandomDatagrams() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new UdpListener(processor));
        List<byte[]> seeds = seeds(random);
        long maxAllocated = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = random.nextInt(4) == 0 ? resigned(random, seeds) : mutate(random, seeds);
            boolean decodable = decodes(input);
            // A real heap buffer even for empty input (Unpooled.EMPTY_BUFFER cannot be released).
            ByteBuf content = Unpooled.buffer(input.length, 1 << 17).writeBytes(input);
            long before = threads.getCurrentThreadAllocatedBytes();
            ch.writeInbound(new DatagramPacket(content, SERVER, CLIENT));
            ch.runPendingTasks();
            maxAllocated = Math.max(maxAllocated, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(content.refCnt()).as("input released, seed %d, input %s", seed, java.util.HexFormat.of().formatHex(input)).isZero();
            for (Object out; (out = ch.readOutbound()) != null; ) {
                DatagramPacket p = (DatagramPacket) out;
                try {
                    checkAnswer(p.content(), decodable, seed);
                } finally {
                    p.release();
                }
            }
        }
        ch.checkException();
        assertThat(ch.isOpen()).isTrue();
        // A message is at most 64 KiB; decoding copies it a few times. Far less than a megabyte per message.
        assertThat(maxAllocated).as("bytes allocated for one message, seed %d", seed).isLessThan(1 << 20);
    }

    @Test
    void streamPipelineSurvivesArbitraryChunksAndCloses() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<byte[]> seeds = seeds(random);
        for (int conn = 0; conn < 500; conn++) {
            EmbeddedChannel ch = new EmbeddedChannel(new StreamFrameDecoder(), new StreamConnection(processor, Transport.TCP));
            for (int i = 0; i < 20 && ch.isOpen(); i++) {
                byte[] input = random.nextBoolean() ? mutate(random, seeds) : seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(input.length + 1);
                ByteBuf a = Unpooled.wrappedBuffer(input, 0, cut);
                ByteBuf b = Unpooled.wrappedBuffer(input, cut, input.length - cut);
                ch.writeInbound(a);
                if (ch.isOpen()) {
                    ch.writeInbound(b);
                } else {
                    b.release();
                }
                assertThat(a.refCnt()).as("seed %d", seed).isZero();
                for (Object out; (out = ch.readOutbound()) != null; ) {
                    ByteBuf buf = (ByteBuf) out;
                    try {
                        checkAnswer(buf, true, seed);
                    } finally {
                        buf.release();
                    }
                }
            }
            ch.checkException();
            ch.finishAndReleaseAll();
        }
    }

    /** Undecodable input gets 400 or nothing; decodable input gets an error, or success for Binding only. */
    private static void checkAnswer(ByteBuf answer, boolean inputDecodable, long seed) {
        StunMessage m = StunDecoder.decode(answer);
        if (m.messageClass() == MessageClass.SUCCESS) {
            assertThat(m.method()).as("only Binding succeeds here, seed %d", seed).isEqualTo(Method.BINDING);
            return;
        }
        assertThat(m.messageClass()).as("seed %d", seed).isEqualTo(MessageClass.ERROR);
        int code = ErrorCodeAttribute.code(m.attribute(AttributeType.ERROR_CODE).orElseThrow().value());
        if (!inputDecodable) {
            assertThat(code).as("undecodable input, seed %d", seed).isEqualTo(400);
        } else {
            assertThat(code).as("seed %d", seed).isBetween(400, 599);
        }
    }

    private static boolean decodes(byte[] input) {
        try {
            StunDecoder.decode(input);
            return true;
        } catch (StunException e) {
            return false;
        }
    }

    private List<byte[]> seeds(Random random) {
        List<byte[]> out = new ArrayList<>();
        String nonce = nonces.issue();
        InetSocketAddress peer = new InetSocketAddress("198.51.100.9", 5000);
        for (Method method : Method.values()) {
            TransactionId tid = TransactionId.random();
            StunMessage.Builder b = StunMessage.builder(MessageType.request(method), tid)
                    .add(RequestedTransport.encode(RequestedTransport.UDP))
                    .add(Lifetime.encode(Duration.ofMinutes(random.nextInt(120))))
                    .add(XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, peer, tid))
                    .add(ChannelNumber.encode(0x4000 + random.nextInt(0x1000)));
            if (random.nextBoolean()) {
                b.add(EvenPort.encode(random.nextBoolean()));
            } else {
                b.add(ReservationToken.encode(random.nextLong()));
            }
            b.add(TextAttribute.encode(AttributeType.USERNAME, "fuzz"))
                    .add(TextAttribute.encode(AttributeType.REALM, "sprechzimmer"))
                    .add(TextAttribute.encode(AttributeType.NONCE, nonce));
            out.add(StunEncoder.encode(b.build(), new Integrity(Integrity.Algorithm.SHA1, key), true));
            out.add(StunEncoder.encode(b.build(), null, false));
        }
        StunMessage send = StunMessage.builder(new MessageType(Method.SEND, MessageClass.INDICATION), TransactionId.random())
                .add(XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, peer, TransactionId.random()))
                .add(AttributeType.DATA, new byte[] {1, 2, 3})
                .build();
        out.add(StunEncoder.encode(send, null, true));
        out.add(new byte[] {0x40, 0x00, 0x00, 0x03, 1, 2, 3, 0});
        return out;
    }

    private byte[] mutate(Random random, List<byte[]> seeds) {
        byte[] in = seeds.get(random.nextInt(seeds.size())).clone();
        switch (random.nextInt(8)) {
            case 0 -> in[random.nextInt(in.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    in[random.nextInt(in.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> in = java.util.Arrays.copyOf(in, random.nextInt(in.length));
            case 3 -> {
                in[2] = (byte) random.nextInt(256); // message length
                in[3] = (byte) random.nextInt(256);
            }
            case 4 -> {
                int at = 20 + 4 * random.nextInt(Math.max(1, (in.length - 20) / 4));
                if (at + 3 < in.length) {
                    in[at + 2] = (byte) random.nextInt(256); // some attribute's length
                    in[at + 3] = (byte) random.nextInt(256);
                }
            }
            case 5 -> {
                byte[] longer = java.util.Arrays.copyOf(in, in.length + random.nextInt(64));
                random.nextBytes(java.util.Arrays.copyOfRange(longer, in.length, longer.length));
                in = longer;
            }
            case 6 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(Math.min(in.length, other.length));
                System.arraycopy(other, cut, in, cut, Math.min(in.length, other.length) - cut);
            }
            default -> {
                in = new byte[random.nextInt(200)];
                random.nextBytes(in);
                if (in.length > 0 && random.nextBoolean()) {
                    in[0] &= 0x3F; // looks like STUN or ChannelData more often
                }
            }
        }
        return in;
    }

    /** A seed decoded, its attributes shuffled, dropped, duplicated or filled with random values, then signed again. */
    private byte[] resigned(Random random, List<byte[]> seeds) {
        StunMessage m = StunDecoder.decode(seeds.get(random.nextInt(seeds.size() - 2)));
        StunMessage.Builder b = StunMessage.builder(m.type(), m.transactionId());
        for (RawAttribute a : m.attributes()) {
            int t = a.type();
            if (t == AttributeType.MESSAGE_INTEGRITY || t == AttributeType.FINGERPRINT) {
                continue;
            }
            boolean keepForAuth = t == AttributeType.USERNAME || t == AttributeType.REALM || t == AttributeType.NONCE;
            int dice = random.nextInt(6);
            if (dice == 0 && !keepForAuth) {
                continue;
            } else if (dice == 1 && !keepForAuth) {
                byte[] v = new byte[random.nextInt(24)];
                random.nextBytes(v);
                b.add(t, v);
            } else if (dice == 2) {
                b.add(a).add(a);
            } else if (dice == 3 && !keepForAuth) {
                b.add(random.nextInt(0x10000), a.value());
            } else {
                b.add(a);
            }
        }
        return StunEncoder.encode(b.build(), new Integrity(Integrity.Algorithm.SHA1, key), random.nextBoolean());
    }
}
