package de.sprechzimmer.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.testing.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration mistakes stop the relay at start with a message that names the setting; where it listens. */
class TurnRelayTest {

    private static TurnRelay relay(Map<String, String> overrides) {
        Map<String, String> s = new HashMap<>(Map.of("turn-listen-ip", "127.0.0.1", "turn-secret", "a-long-enough-shared-secret"));
        s.putAll(overrides);
        s.values().removeIf(String::isEmpty);
        return new TurnRelay(Settings.of(TurnSettings.all(), s), new SimpleMeterRegistry(), new ManualScheduler());
    }

    @Test
    void withoutSecretOrStaticUsersTheRelayDoesNotStart() {
        assertThatThrownBy(() -> relay(Map.of("turn-secret", ""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-secret").hasMessageContaining("--turn-static-users");
        assertThat(relay(Map.of("turn-secret", "", "turn-static-users", "u:p"))).isNotNull();
    }

    @Test
    void malformedSettingsNameTheSetting() {
        assertThatThrownBy(() -> relay(Map.of("turn-allowed-peers", "10.0.0.0/99"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-allowed-peers");
        assertThatThrownBy(() -> relay(Map.of("turn-min-port", "60000", "turn-max-port", "50000"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port range");
        assertThatThrownBy(() -> relay(Map.of("turn-external-ip", "2001:db8::1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-relay-ip");
        assertThatThrownBy(() -> relay(Map.of("turn-relay-ip", "relay.example.org"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> relay(Map.of("turn-secret", "short"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-secret");
    }

    @Test
    void settingsListHoldsTheSharedSecretOnce() {
        assertThat(TurnSettings.all()).extracting(s -> s.name())
                .contains("turn-port", "turn-tls-port", "turn-listen-ip", "turn-relay-ip", "turn-external-ip", "turn-realm",
                        "turn-secret", "turn-allowed-peers", "turn-rfc5766-channels", "turn-min-port", "turn-max-port")
                .doesNotHaveDuplicates();
    }

    /**
     * On the wildcard the relay also binds each interface address (LocalAddresses), so a UDP answer leaves from the
     * address the client asked; the difference shows only on a host with a second address, which the browser test
     * (web-client/e2e, mode relay: clients on 10.200.0.1 asking 127.0.0.1) has. Here: both kinds of listener serve.
     */
    @Test
    void onTheWildcardUdpAnswersComeFromTheAddressAskedAndOtherLocalAddressesAreStillServed() throws Exception {
        TurnRelay relay = relay(Map.of("turn-listen-ip", "0.0.0.0", "turn-port", "0"));
        try {
            int port = relay.start().udp();
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            assertThat(bindingAnswerFrom(loopback)).isEqualTo(loopback);
            // 127.0.0.2 is local (127/8) but no interface's address: the wildcard listener answers it.
            assertThat(bindingAnswerFrom(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port))).isNotNull();
        } finally {
            relay.close();
        }
    }

    /** Sends a STUN Binding request (RFC 8489 §5) and returns where the success response came from. */
    private static InetSocketAddress bindingAnswerFrom(InetSocketAddress server) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            socket.setSoTimeout(10_000);
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442);
            byte[] transaction = new byte[12];
            new SecureRandom().nextBytes(transaction);
            request.put(transaction);
            socket.send(new DatagramPacket(request.array(), 20, server));
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            socket.receive(answer);
            ByteBuffer response = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            assertThat(response.getShort(0)).as("Binding success response").isEqualTo((short) 0x0101);
            assertThat(Arrays.copyOfRange(answer.getData(), 8, 20)).isEqualTo(transaction);
            return (InetSocketAddress) answer.getSocketAddress();
        }
    }
}
