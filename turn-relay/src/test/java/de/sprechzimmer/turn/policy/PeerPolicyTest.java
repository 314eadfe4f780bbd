package de.sprechzimmer.turn.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerPolicyTest {

    private final PeerPolicy defaults = new PeerPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "100.64.0.1",
        "100.100.100.200", "169.254.169.254", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255",
        "198.18.0.1", "192.0.0.192",
        "::", "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "fec0::1", "64:ff9b:1::a00:1",
        // Embedded IPv4 forms of loopback and private addresses: the CVE bypasses.
        "::ffff:127.0.0.1", "::127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::", "2002:a9fe:a9fe::1",
        "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2001:0:7f00:1::1", "2001:0:4136:e378:8000:63bf:80ff:fffe"
    })
    void nonPublicPeersAreRefusedByDefault(String address) throws Exception {
        assertThat(defaults.allowed(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.7", "8.8.8.8", "2001:db8::1", "2a00:1450:4001::1", "2002:c633:6407::1",
        "64:ff9b::808:808", "172.32.0.1", "100.128.0.1"})
    void publicPeersAreAllowed(String address) throws Exception {
        assertThat(defaults.allowed(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void allowListOpensARangeAndItsEmbeddedForms() throws Exception {
        PeerPolicy lan = new PeerPolicy(Cidr.parseList("127.0.0.0/8, 10.1.0.0/16"));
        assertThat(lan.allowed(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(lan.allowed(InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
        assertThat(lan.allowed(InetAddress.getByName("2002:7f00:1::"))).isTrue();
        assertThat(lan.allowed(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(lan.allowed(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(lan.allowed(InetAddress.getByName("::1"))).isFalse();
        // ::1 is loopback, not the IPv4-compatible form of 0.0.0.1: allow-listing it works.
        assertThat(new PeerPolicy(Cidr.parseList("::1/128")).allowed(InetAddress.getByName("::1"))).isTrue();
    }

    @Test
    void cidrParsingIsStrict() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(new byte[] {10, 9, 8, 7})).isTrue();
        assertThat(Cidr.parse("10.0.0.1/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("fc00::/7").toString()).isEqualTo("fc00:0:0:0:0:0:0:0/7");
        assertThat(Cidr.parseList(" ")).isEmpty();
        for (String bad : List.of("example.org", "10.0.0.0/33", "10.0.0.0/x", "", "::/129")) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void quotaCountsPerUserAndInTotal() {
        AllocationQuota q = new AllocationQuota(2, 3);
        assertThat(q.tryAcquire("a")).isNull();
        assertThat(q.tryAcquire("a")).isNull();
        assertThat(q.tryAcquire("a")).isEqualTo(AllocationQuota.Refusal.USER);
        assertThat(q.tryAcquire("b")).isNull();
        assertThat(q.tryAcquire("c")).isEqualTo(AllocationQuota.Refusal.TOTAL);
        q.release("a");
        assertThat(q.tryAcquire("c")).isNull();
        assertThat(q.inUse()).isEqualTo(3);
    }

    @Test
    void bandwidthRefillsWithTheClock() {
        ManualClock clock = new ManualClock();
        Bandwidth b = new Bandwidth(1000, clock);
        assertThat(b.tryConsume(800)).isTrue();
        assertThat(b.tryConsume(300)).isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(b.tryConsume(300)).isTrue();
        assertThat(new Bandwidth(0, clock).tryConsume(1 << 20)).isTrue();
    }
}
