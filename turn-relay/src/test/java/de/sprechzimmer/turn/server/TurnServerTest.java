package de.sprechzimmer.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ChannelNumber;
import de.sprechzimmer.turn.proto.Lifetime;
import de.sprechzimmer.turn.proto.MessageClass;
import de.sprechzimmer.turn.proto.Method;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.RequestedTransport;
import de.sprechzimmer.turn.proto.StunDecoder;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import de.sprechzimmer.turn.proto.TransactionId;
import de.sprechzimmer.turn.proto.XorAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay over real UDP and TCP sockets on loopback, driven by a small RFC client and a manual clock. */
class TurnServerTest {

    private RelayFixture fx;
    private DatagramSocket peer;

    @BeforeEach
    void start() throws Exception {
        fx = new RelayFixture();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() {
        peer.close();
        fx.close();
    }

    private TestClient client(String id) throws Exception {
        TurnCredentials.Credential c = fx.credential(id);
        return TestClient.udp(fx.ports.udp()).credentials(c.username(), c.password());
    }

    private static RawAttribute udpTransport() {
        return RequestedTransport.encode(RequestedTransport.UDP);
    }

    private RawAttribute peerAttr(TransactionId tid) {
        return XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, (InetSocketAddress) peer.getLocalSocketAddress(), tid);
    }

    private StunMessage allocate(TestClient c) throws Exception {
        StunMessage r = c.request(Method.ALLOCATE, udpTransport());
        assertThat(r.messageClass()).as("allocate: error %d", TestClient.errorCode(r)).isEqualTo(MessageClass.SUCCESS);
        return r;
    }

    @Test
    void bindingAnswersTheReflexiveAddressWithoutAuthentication() throws Exception {
        try (TestClient c = TestClient.udp(fx.ports.udp())) {
            StunMessage r = c.unauthenticated(Method.BINDING);
            assertThat(r.messageClass()).isEqualTo(MessageClass.SUCCESS);
            assertThat(XorAddress.require(r, AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(c.localAddress());
        }
    }

    @Test
    void allocateIsChallengedThenGrantedWithTheDefaultLifetime() throws Exception {
        try (TestClient c = client("p1")) {
            StunMessage challenge = c.unauthenticated(Method.ALLOCATE, udpTransport());
            assertThat(TestClient.errorCode(challenge)).isEqualTo(401);
            assertThat(TextAttribute.of(challenge, AttributeType.REALM)).contains("sprechzimmer");
            assertThat(TextAttribute.of(challenge, AttributeType.NONCE)).isPresent();
            StunMessage r = allocate(c);
            InetSocketAddress relayed = XorAddress.require(r, AttributeType.XOR_RELAYED_ADDRESS);
            assertThat(relayed.getAddress().isLoopbackAddress()).isTrue();
            assertThat(relayed.getPort()).isBetween(49152, 65535);
            assertThat(Lifetime.of(r)).contains(Duration.ofSeconds(600));
            assertThat(XorAddress.require(r, AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(c.localAddress());
            assertThat(fx.meter("turn.allocations.active", null, null)).isEqualTo(1.0);
            // Two challenges: the bare request above and the first round trip of allocate().
            assertThat(fx.meter("turn.auth.failures", "reason", "challenge")).isEqualTo(2.0);
        }
    }

    @Test
    void sendIndicationsAndDataIndicationsRelayBothWays() throws Exception {
        try (TestClient c = client("p1")) {
            InetSocketAddress relayed = XorAddress.require(allocate(c), AttributeType.XOR_RELAYED_ADDRESS);
            TransactionId tid = TransactionId.random();
            // Without a permission the relay drops what the client sends.
            c.indication(Method.SEND, peerAttr(tid), new RawAttribute(AttributeType.DATA, bytes("early")));
            assertThat(c.request(Method.CREATE_PERMISSION, peerAttr(TransactionId.random())).messageClass()).isEqualTo(MessageClass.SUCCESS);
            c.indication(Method.SEND, peerAttr(tid), new RawAttribute(AttributeType.DATA, bytes("hello peer")));
            DatagramPacket got = receive(peer);
            assertThat(text(got)).isEqualTo("hello peer"); // not "early": that one was dropped
            assertThat((InetSocketAddress) got.getSocketAddress()).isEqualTo(relayed);

            peer.send(new DatagramPacket(bytes("hello client"), 12, relayed));
            StunMessage data = StunDecoder.decode(c.receive());
            assertThat(data.method()).isEqualTo(Method.DATA);
            assertThat(data.messageClass()).isEqualTo(MessageClass.INDICATION);
            assertThat(new String(data.attribute(AttributeType.DATA).orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("hello client");
            assertThat(XorAddress.require(data, AttributeType.XOR_PEER_ADDRESS)).isEqualTo(peer.getLocalSocketAddress());
            assertThat(fx.meter("turn.dropped.packets", "reason", "no_permission")).isEqualTo(1.0);
            assertThat(fx.meter("turn.relayed.packets", "direction", "to_client")).isEqualTo(1.0);
            assertThat(fx.meter("turn.relayed.bytes", "direction", "to_client")).isEqualTo(12.0);
            assertThat(fx.meter("turn.relayed.packets", "direction", "to_peer")).isEqualTo(1.0);
            assertThat(fx.meter("turn.relayed.bytes", "direction", "to_peer")).isEqualTo(10.0);
        }
    }

    @Test
    void channelDataRelaysBothWaysAfterChannelBind() throws Exception {
        try (TestClient c = client("p1")) {
            InetSocketAddress relayed = XorAddress.require(allocate(c), AttributeType.XOR_RELAYED_ADDRESS);
            StunMessage bound = c.request(Method.CHANNEL_BIND, ChannelNumber.encode(0x4000), peerAttr(TransactionId.random()));
            assertThat(bound.messageClass()).isEqualTo(MessageClass.SUCCESS);
            c.channelData(0x4000, bytes("via channel"));
            assertThat(text(receive(peer))).isEqualTo("via channel");
            peer.send(new DatagramPacket(bytes("back"), 4, relayed));
            byte[] cd = c.receive();
            assertThat(cd[0] & 0xFF).isEqualTo(0x40);
            assertThat(new String(cd, 4, 4, StandardCharsets.UTF_8)).isEqualTo("back");
            // An unbound channel is dropped.
            c.channelData(0x4001, bytes("nowhere"));
            assertThat(fx.meter("turn.channels.active", null, null)).isEqualTo(1.0);
        }
    }

    @Test
    void secondAllocateOnTheSameFiveTupleIsAllocationMismatchButARetransmitSucceeds() throws Exception {
        try (TestClient c = client("p1")) {
            c.request(Method.BINDING); // no auth needed, fetches nothing
            c.forgetNonce();
            StunMessage challenge = c.request(Method.ALLOCATE, udpTransport());
            assertThat(challenge.messageClass()).isEqualTo(MessageClass.SUCCESS);
            assertThat(TestClient.errorCode(c.request(Method.ALLOCATE, udpTransport()))).isEqualTo(437);

            // A retransmission carries the transaction id of the original request and gets the same relayed address.
            try (TestClient d = client("p2")) {
                d.request(Method.REFRESH); // 437 answer, but it fetched a nonce
                TransactionId tid = TransactionId.random();
                StunMessage first = d.requestWithCurrentNonce(Method.ALLOCATE, tid, udpTransport());
                StunMessage again = d.requestWithCurrentNonce(Method.ALLOCATE, tid, udpTransport());
                assertThat(again.messageClass()).isEqualTo(MessageClass.SUCCESS);
                assertThat(XorAddress.require(again, AttributeType.XOR_RELAYED_ADDRESS))
                        .isEqualTo(XorAddress.require(first, AttributeType.XOR_RELAYED_ADDRESS));
            }
        }
    }

    @Test
    void requestsWithoutAllocationAreAllocationMismatch() throws Exception {
        try (TestClient c = client("p1")) {
            assertThat(TestClient.errorCode(c.request(Method.REFRESH))).isEqualTo(437);
            assertThat(TestClient.errorCode(c.request(Method.CREATE_PERMISSION, peerAttr(TransactionId.random())))).isEqualTo(437);
        }
    }

    @Test
    void otherCredentialsOnAnAllocationAreWrongCredentials() throws Exception {
        try (TestClient c = client("p1")) {
            allocate(c);
            TurnCredentials.Credential other = fx.credential("intruder");
            c.credentials(other.username(), other.password());
            assertThat(TestClient.errorCode(c.request(Method.REFRESH))).isEqualTo(441);
            assertThat(fx.meter("turn.auth.failures", "reason", "wrong_credentials")).isEqualTo(1.0);
        }
    }

    @Test
    void aNonceGoesStaleOnTheClockAndTheClientIsToldSo() throws Exception {
        try (TestClient c = client("p1")) {
            allocate(c);
            c.request(Method.REFRESH, Lifetime.encode(Duration.ofHours(1)));
            fx.scheduler.advance(Duration.ofMinutes(10));
            StunMessage stale = c.requestWithCurrentNonce(Method.REFRESH, TransactionId.random());
            assertThat(TestClient.errorCode(stale)).isEqualTo(438);
            assertThat(TextAttribute.of(stale, AttributeType.NONCE)).isPresent();
            assertThat(c.request(Method.REFRESH).messageClass()).isEqualTo(MessageClass.SUCCESS);
        }
    }

    @Test
    void loopbackPeerIsForbiddenWithoutTheAllowList() throws Exception {
        fx.close();
        fx = new RelayFixture(Map.of("turn-allowed-peers", ""));
        try (TestClient c = client("p1")) {
            allocate(c);
            assertThat(TestClient.errorCode(c.request(Method.CREATE_PERMISSION, peerAttr(TransactionId.random())))).isEqualTo(403);
            assertThat(TestClient.errorCode(c.request(Method.CHANNEL_BIND, ChannelNumber.encode(0x4000), peerAttr(TransactionId.random())))).isEqualTo(403);
            // The IPv4-mapped spelling of loopback is the same address.
            RawAttribute mapped = XorAddress.encode(AttributeType.XOR_PEER_ADDRESS,
                    new InetSocketAddress(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1}), 9), TransactionId.random());
            assertThat(TestClient.errorCode(c.request(Method.CREATE_PERMISSION, mapped))).isEqualTo(403);
            TransactionId tid = TransactionId.random();
            c.indication(Method.SEND, peerAttr(tid), new RawAttribute(AttributeType.DATA, bytes("no")));
            // Three requests and the Send indication, which is checked again (the indication gets no answer:
            // wait for the meter, then check nothing reached the peer).
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.meter("turn.peer.refusals", null, null) == 4.0);
            assertThat(peerReceivesNothing()).isTrue();
        }
    }

    @Test
    void userQuotaIsAllocationQuotaReached() throws Exception {
        fx.close();
        fx = new RelayFixture(Map.of("turn-user-quota", "1"));
        TurnCredentials.Credential cred = fx.credential("p1");
        try (TestClient a = TestClient.udp(fx.ports.udp()).credentials(cred.username(), cred.password());
             TestClient b = TestClient.udp(fx.ports.udp()).credentials(cred.username(), cred.password())) {
            allocate(a);
            assertThat(TestClient.errorCode(b.request(Method.ALLOCATE, udpTransport()))).isEqualTo(486);
            assertThat(fx.meter("turn.quota.refusals", "quota", "user")).isEqualTo(1.0);
            // Deleting the first frees the quota.
            assertThat(a.request(Method.REFRESH, Lifetime.encode(Duration.ZERO)).messageClass()).isEqualTo(MessageClass.SUCCESS);
            allocate(b);
        }
    }

    @Test
    void refreshWithZeroDeletesAndLaterRequestsAreMismatch() throws Exception {
        try (TestClient c = client("p1")) {
            allocate(c);
            StunMessage deleted = c.request(Method.REFRESH, Lifetime.encode(Duration.ZERO));
            assertThat(Lifetime.of(deleted)).contains(Duration.ZERO);
            assertThat(TestClient.errorCode(c.request(Method.REFRESH))).isEqualTo(437);
            assertThat(fx.relay.allocations()).isZero();
        }
    }

    @Test
    void allocationsExpireOnTheInjectedClock() throws Exception {
        try (TestClient c = client("p1")) {
            allocate(c);
            c.request(Method.CHANNEL_BIND, ChannelNumber.encode(0x4000), peerAttr(TransactionId.random()));
            fx.scheduler.advance(Duration.ofSeconds(601));
            await().atMost(Duration.ofSeconds(15)).until(() -> fx.relay.allocations() == 0);
            assertThat(fx.meter("turn.allocations.active", null, null)).isZero();
            assertThat(fx.meter("turn.channels.active", null, null)).isZero();
            c.forgetNonce();
            assertThat(TestClient.errorCode(c.request(Method.REFRESH))).isEqualTo(437);
        }
    }

    @Test
    void unsupportedTransportUnknownAttributesAndBadRequests() throws Exception {
        try (TestClient c = client("p1")) {
            assertThat(TestClient.errorCode(c.request(Method.ALLOCATE, RequestedTransport.encode(6)))).isEqualTo(442);
            assertThat(TestClient.errorCode(c.request(Method.ALLOCATE))).isEqualTo(400);
            StunMessage df = c.request(Method.ALLOCATE, udpTransport(), new RawAttribute(AttributeType.DONT_FRAGMENT, new byte[0]));
            assertThat(TestClient.errorCode(df)).isEqualTo(420);
            assertThat(df.attribute(AttributeType.UNKNOWN_ATTRIBUTES).orElseThrow().value()).containsExactly(0x00, 0x1A);
            // A request with an unknown method still gets a 400 from its header.
            byte[] bogus = new byte[20];
            bogus[1] = 0x0F; // method 0x00F, class request
            bogus[4] = 0x21;
            bogus[5] = 0x12;
            bogus[6] = (byte) 0xA4;
            bogus[7] = 0x42;
            c.sendRaw(bogus);
            StunMessage bad = StunDecoder.decode(fixMethod(c.receive()));
            assertThat(TestClient.errorCode(bad)).isEqualTo(400);
            // The relay keeps working.
            allocate(c);
        }
    }

    @Test
    void tcpClientsGetPaddedChannelDataAndLoseTheAllocationWithTheConnection() throws Exception {
        TurnCredentials.Credential cred = fx.credential("p1");
        try (TestClient c = TestClient.tcp(fx.ports.tcp()).credentials(cred.username(), cred.password())) {
            InetSocketAddress relayed = XorAddress.require(allocate(c), AttributeType.XOR_RELAYED_ADDRESS);
            c.request(Method.CHANNEL_BIND, ChannelNumber.encode(0x4000), peerAttr(TransactionId.random()));
            c.channelData(0x4000, bytes("odd"));
            assertThat(text(receive(peer))).isEqualTo("odd");
            peer.send(new DatagramPacket(bytes("abcde"), 5, relayed));
            byte[] cd = c.receive(); // TestClient reads the padding on TCP and strips it
            assertThat(new String(cd, 4, 5, StandardCharsets.UTF_8)).isEqualTo("abcde");
            assertThat(fx.relay.allocations()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> fx.relay.allocations() == 0);
    }

    @Test
    void tlsListenerWithAGeneratedCertificateRelays() throws Exception {
        fx.close();
        fx = new RelayFixture(Map.of("turn-tls-port", String.valueOf(de.sprechzimmer.common.testing.FreePorts.tcp())));
        TurnCredentials.Credential cred = fx.credential("p1");
        try (TestClient c = TestClient.tls(fx.ports.tls().orElseThrow()).credentials(cred.username(), cred.password())) {
            InetSocketAddress relayed = XorAddress.require(allocate(c), AttributeType.XOR_RELAYED_ADDRESS);
            assertThat(c.request(Method.CREATE_PERMISSION, peerAttr(TransactionId.random())).messageClass()).isEqualTo(MessageClass.SUCCESS);
            c.indication(Method.SEND, peerAttr(TransactionId.random()), new RawAttribute(AttributeType.DATA, bytes("over tls")));
            assertThat(text(receive(peer))).isEqualTo("over tls");
            peer.send(new DatagramPacket(bytes("back"), 4, relayed));
            StunMessage data = StunDecoder.decode(c.receive());
            assertThat(new String(data.attribute(AttributeType.DATA).orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("back");
        }
    }

    @Test
    void ipv6RelayAddressesAreAllocatedOnRequestAndPeersMustMatchTheFamily() throws Exception {
        fx.close();
        fx = new RelayFixture(Map.of("turn-relay-ip", "127.0.0.1,::1", "turn-allowed-peers", "127.0.0.0/8,::1/128"));
        try (TestClient c = client("p1");
             DatagramSocket peer6 = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            peer6.setSoTimeout(10_000);
            StunMessage r = c.request(Method.ALLOCATE, udpTransport(), de.sprechzimmer.turn.proto.AddressFamily.IPV6.encode());
            assertThat(r.messageClass()).isEqualTo(MessageClass.SUCCESS);
            InetSocketAddress relayed = XorAddress.require(r, AttributeType.XOR_RELAYED_ADDRESS);
            assertThat(relayed.getAddress()).isEqualTo(InetAddress.getByName("::1"));
            // IPv6 XOR addresses depend on the transaction id, so the client encodes them per message.
            InetSocketAddress v6peer = (InetSocketAddress) peer6.getLocalSocketAddress();
            assertThat(c.createPermission(v6peer).messageClass()).isEqualTo(MessageClass.SUCCESS);
            c.send(v6peer, bytes("over v6"));
            DatagramPacket got = receive(peer6);
            assertThat(text(got)).isEqualTo("over v6");
            peer6.send(new DatagramPacket(bytes("v6 back"), 7, got.getSocketAddress()));
            StunMessage data = StunDecoder.decode(c.receive());
            assertThat(XorAddress.require(data, AttributeType.XOR_PEER_ADDRESS)).isEqualTo(v6peer);
            // An IPv4 peer on an IPv6 allocation: 443.
            assertThat(TestClient.errorCode(c.request(Method.CREATE_PERMISSION, peerAttr(TransactionId.random())))).isEqualTo(443);
        }
    }

    @Test
    void anAddressFamilyWithoutRelayAddressIsRefused() throws Exception {
        try (TestClient c = client("p1")) {
            StunMessage r = c.request(Method.ALLOCATE, udpTransport(), de.sprechzimmer.turn.proto.AddressFamily.IPV6.encode());
            assertThat(TestClient.errorCode(r)).isEqualTo(440);
        }
    }

    @Test
    void behindOneToOneNatTheExternalAddressIsAdvertisedAndTrafficStillFlows() throws Exception {
        fx.close();
        fx = new RelayFixture(Map.of("turn-external-ip", "203.0.113.10/127.0.0.1"));
        try (TestClient c = client("p1")) {
            InetSocketAddress advertised = XorAddress.require(allocate(c), AttributeType.XOR_RELAYED_ADDRESS);
            assertThat(advertised.getAddress().getHostAddress()).isEqualTo("203.0.113.10");
            c.request(Method.CHANNEL_BIND, ChannelNumber.encode(0x4000), peerAttr(TransactionId.random()));
            c.channelData(0x4000, bytes("nat"));
            DatagramPacket got = receive(peer);
            assertThat(text(got)).isEqualTo("nat");
            // The peer sees the bound (private) address with the advertised port.
            assertThat(got.getPort()).isEqualTo(advertised.getPort());
            assertThat(got.getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void evenPortWithReservationHandsTheNextPortToTheToken() throws Exception {
        try (TestClient c = client("p1"); TestClient d = client("p1")) {
            StunMessage first = c.request(Method.ALLOCATE, udpTransport(), de.sprechzimmer.turn.proto.EvenPort.encode(true));
            assertThat(first.messageClass()).isEqualTo(MessageClass.SUCCESS);
            int even = XorAddress.require(first, AttributeType.XOR_RELAYED_ADDRESS).getPort();
            assertThat(even % 2).isZero();
            RawAttribute token = first.attribute(AttributeType.RESERVATION_TOKEN).orElseThrow();
            StunMessage second = d.request(Method.ALLOCATE, udpTransport(), token);
            assertThat(XorAddress.require(second, AttributeType.XOR_RELAYED_ADDRESS).getPort()).isEqualTo(even + 1);
            try (TestClient e = client("p1")) {
                assertThat(TestClient.errorCode(e.request(Method.ALLOCATE, udpTransport(), token))).isEqualTo(508);
                assertThat(TestClient.errorCode(e.request(Method.ALLOCATE, udpTransport(), token,
                        de.sprechzimmer.turn.proto.EvenPort.encode(false)))).isEqualTo(400);
            }
        }
    }

    /** The 400 for an unknown method keeps that method; our decoder only knows TURN methods, so map it to Binding. */
    private static byte[] fixMethod(byte[] response) {
        byte[] copy = response.clone();
        copy[1] = (byte) ((copy[1] & 0xF0) | 0x01);
        return copy;
    }

    private boolean peerReceivesNothing() throws Exception {
        peer.setSoTimeout(300);
        try {
            peer.receive(new DatagramPacket(new byte[100], 100));
            return false;
        } catch (java.net.SocketTimeoutException expected) {
            return true;
        } finally {
            peer.setSoTimeout(10_000);
        }
    }

    private static DatagramPacket receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
        s.receive(p);
        return p;
    }

    private static String text(DatagramPacket p) {
        return new String(Arrays.copyOf(p.getData(), p.getLength()), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
