package de.sprechzimmer.turn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.FreePorts;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.turn.server.RelayFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A third-party client asks for a loopback peer: refused by default, relayed once the allow-list opens it. */
class PeerPolicyInteropTest {

    @Test
    void loopbackPeerIsRefusedByDefaultAndAllowedByTheAllowList() throws Exception {
        try (CoturnTools.Peer peer = new CoturnTools.Peer(FreePorts.tcpAndUdp())) {
            List<String> flags = List.of("-e", "127.0.0.1", "-r", String.valueOf(peer.port), "-n", "10", "-m", "1", "-c", "-z", "5");
            try (RelayFixture closed = new RelayFixture(Map.of("turn-rfc5766-channels", "true", "turn-allowed-peers", ""),
                    new ManualScheduler(new ManualClock(Instant.now())))) {
                CoturnTools.Result r = CoturnTools.uclient(closed.ports.udp(), RelayFixture.SECRET, flags, Duration.ofSeconds(40));
                assertThat(r.output()).as(r.tail()).contains("403");
                assertThat(r.received()).as(r.tail()).isNotPositive();
                assertThat(closed.meter("turn.peer.refusals", null, null)).isPositive();
            }
            try (RelayFixture open = new RelayFixture(Map.of("turn-rfc5766-channels", "true", "turn-allowed-peers", "127.0.0.0/8"),
                    new ManualScheduler(new ManualClock(Instant.now())))) {
                CoturnTools.Result r = CoturnTools.uclient(open.ports.udp(), RelayFixture.SECRET, flags, Duration.ofSeconds(40));
                assertThat(r.lost()).as(r.tail()).isZero();
                assertThat(r.received()).as(r.tail()).isEqualTo(10);
            }
        }
    }
}
