package de.sprechzimmer.turn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.turn.server.RelayFixture;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.junit.jupiter.api.Test;

/** ice4j's TURN client (the Jitsi stack) allocates on our relay and relays both ways with a peer. */
class Ice4jInteropTest {

    @Test
    void ice4jAllocatesAndRelays() throws Exception {
        try (RelayFixture fx = new RelayFixture();
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout(5000);
            TurnCredentials.Credential c = fx.credential("ice4j");
            Agent agent = new Agent();
            try {
                RelayedCandidate relayed = null;
                // ice4j gives up after a few quick retransmissions; on a cold JVM on a busy 2-core machine its
                // first harvest can run out of time, so it gets up to three tries, each on a fresh socket.
                for (int attempt = 0; attempt < 3 && relayed == null; attempt++) {
                    relayed = harvest(agent, "audio" + attempt, fx.ports.udp(), c);
                }
                assertThat(relayed).as("relayed candidate").isNotNull();
                assertThat(relayed.getTransportAddress().getPort()).isBetween(49152, 65535);
                assertThat(fx.relay.allocations()).isPositive();

                IceSocketWrapper socket = relayed.getCandidateIceSocketWrapper();
                byte[] hello = "from ice4j".getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(hello, hello.length, peer.getLocalSocketAddress()));
                DatagramPacket atPeer = new DatagramPacket(new byte[100], 100);
                peer.receive(atPeer);
                assertThat(new String(atPeer.getData(), 0, atPeer.getLength(), StandardCharsets.UTF_8)).isEqualTo("from ice4j");
                assertThat(atPeer.getPort()).isEqualTo(relayed.getTransportAddress().getPort());

                byte[] reply = "from peer".getBytes(StandardCharsets.UTF_8);
                peer.send(new DatagramPacket(reply, reply.length, atPeer.getSocketAddress()));
                DatagramPacket atClient = new DatagramPacket(new byte[100], 100);
                socket.receive(atClient);
                assertThat(new String(atClient.getData(), 0, atClient.getLength(), StandardCharsets.UTF_8)).isEqualTo("from peer");
            } finally {
                agent.free();
            }
        }
    }

    private static RelayedCandidate harvest(Agent agent, String name, int port, TurnCredentials.Credential c) throws Exception {
        IceMediaStream stream = agent.createMediaStream(name);
        Component component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        DatagramSocket hostSocket = new MultiplexingDatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        HostCandidate host = new HostCandidate(new IceUdpSocketWrapper(hostSocket), component, Transport.UDP);
        component.addLocalCandidate(host);
        // What ice4j's host harvester does for its own candidates: let the STUN stack read this socket.
        agent.getStunStack().addSocket(host.getStunSocket(null));
        TurnCandidateHarvester harvester = new TurnCandidateHarvester(
                new TransportAddress("127.0.0.1", port, Transport.UDP), new LongTermCredential(c.username(), c.password()));
        Collection<LocalCandidate> found = harvester.harvest(component);
        return found.stream().filter(RelayedCandidate.class::isInstance).map(RelayedCandidate.class::cast).findFirst().orElse(null);
    }
}
