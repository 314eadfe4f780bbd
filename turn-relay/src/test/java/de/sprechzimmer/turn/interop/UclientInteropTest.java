package de.sprechzimmer.turn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.FreePorts;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.turn.server.RelayFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * coturn's own test client, {@code turnutils_uclient}, against our relay on loopback with TURN REST API
 * credentials (shared secret, {@code -W}) and coturn's echo peer: every packet must come back.
 */
class UclientInteropTest {

    private RelayFixture fx;
    private static CoturnTools.Peer peer;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = new CoturnTools.Peer(FreePorts.tcpAndUdp());
    }

    @AfterAll
    static void stopPeer() throws InterruptedException {
        peer.close();
    }

    /**
     * A relay per test: allocations of an earlier uclient run never expire on the manual clock, and a later run
     * that gets the same local port from the kernel would be refused with 437.
     */
    @BeforeEach
    void start() throws Exception {
        // uclient computes its REST username expiry from the real time, so the manual clock starts at now.
        fx = new RelayFixture(Map.of("turn-rfc5766-channels", "true", "turn-user-quota", "0"),
                new ManualScheduler(new ManualClock(Instant.now())));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "UDP with channels,",
        "UDP with Send indications,-s",
        "TCP with channels,-t",
        "TCP with Send indications,-t -s",
    })
    void uclientRelaysEveryPacketThroughTheRelay(String name, String extraFlags) throws Exception {
        List<String> flags = new ArrayList<>(List.of("-e", "127.0.0.1", "-r", String.valueOf(peer.port),
                "-n", "40", "-m", "4", "-l", "170", "-z", "5", "-c"));
        if (extraFlags != null) {
            flags.addAll(List.of(extraFlags.split(" ")));
        }
        CoturnTools.Result r = CoturnTools.uclient(fx.ports.udp(), RelayFixture.SECRET, flags, Duration.ofSeconds(40));
        assertThat(r.exitCode()).as(r.tail()).isZero();
        assertThat(r.sent()).as(r.tail()).isEqualTo(160);
        assertThat(r.received()).as(r.tail()).isEqualTo(r.sent());
        assertThat(r.lost()).as(r.tail()).isZero();
    }

    @Test
    void clientToClientThroughTwoAllocations() throws Exception {
        // -y: pairs of uclient sessions send to each other's relayed addresses, both ends through our relay.
        CoturnTools.Result r = CoturnTools.uclient(fx.ports.udp(), RelayFixture.SECRET,
                List.of("-y", "-n", "40", "-m", "2", "-l", "170", "-z", "5", "-c"), Duration.ofSeconds(40));
        assertThat(r.exitCode()).as(r.tail()).isZero();
        assertThat(r.received()).as(r.tail()).isEqualTo(r.sent()).isPositive();
        assertThat(r.lost()).as(r.tail()).isZero();
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        CoturnTools.Result r = CoturnTools.uclient(fx.ports.udp(), "not-the-secret-at-all-0123456789",
                List.of("-e", "127.0.0.1", "-r", String.valueOf(peer.port), "-n", "5", "-m", "1", "-c"), Duration.ofSeconds(40));
        assertThat(r.received()).as(r.tail()).isNotPositive();
        assertThat(r.output()).contains("Cannot complete Allocation");
        assertThat(fx.meter("turn.auth.failures", "reason", "bad_integrity")).isPositive();
    }
}
