package de.sprechzimmer.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllocationTest {

    private final ManualClock clock = new ManualClock();
    private final AllocationCounters counters = new AllocationCounters();
    private final InetSocketAddress peer = new InetSocketAddress("198.51.100.1", 5000);

    private Allocation allocation(Lifetimes lifetimes) {
        FiveTuple ft = new FiveTuple(Transport.UDP, new InetSocketAddress("203.0.113.1", 40000), new InetSocketAddress("192.0.2.1", 3478));
        return new Allocation(ft, "1700000000:abc", new InetSocketAddress("192.0.2.1", 50000), TransactionId.random(),
                lifetimes.allocation(Optional.empty()), lifetimes, clock, counters, 10);
    }

    @Test
    void allocationExpiresAfterTheDefaultLifetimeUnlessRefreshed() {
        Allocation a = allocation(Lifetimes.RFC8656);
        clock.advance(Duration.ofSeconds(599));
        assertThat(a.expired()).isFalse();
        assertThat(a.refresh(Optional.of(Duration.ofSeconds(1200)))).isEqualTo(Duration.ofSeconds(1200));
        clock.advance(Duration.ofSeconds(1199));
        assertThat(a.expired()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(a.expired()).isTrue();
    }

    @Test
    void requestedLifetimeIsClampedBetweenDefaultAndMaximum() {
        assertThat(Lifetimes.RFC8656.allocation(Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(600));
        assertThat(Lifetimes.RFC8656.allocation(Optional.of(Duration.ofDays(1)))).isEqualTo(Duration.ofSeconds(3600));
        assertThat(Lifetimes.RFC8656.allocation(Optional.of(Duration.ofSeconds(900)))).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void refreshWithZeroLifetimeDeletesAllocation() {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.permit(peer.getAddress());
        a.bind(0x4000, peer);
        assertThat(counters.allocations()).isEqualTo(1);
        assertThat(a.refresh(Optional.of(Duration.ZERO))).isZero();
        assertThat(a.expired()).isTrue();
        assertThat(a.permitted(peer.getAddress())).isFalse();
        assertThat(a.channel(0x4000)).isNull();
        assertThat(counters.allocations()).isZero();
        assertThat(counters.permissions()).isZero();
        assertThat(counters.channels()).isZero();
    }

    @Test
    void permissionLapsesAfterFiveMinutesAndRefreshes() {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.permit(peer.getAddress());
        clock.advance(Duration.ofSeconds(299));
        assertThat(a.permitted(peer.getAddress())).isTrue();
        a.permit(peer.getAddress());
        clock.advance(Duration.ofSeconds(299));
        assertThat(a.permitted(peer.getAddress())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(a.permitted(peer.getAddress())).isFalse();
        assertThat(counters.permissions()).isEqualTo(1);
        a.sweep();
        assertThat(counters.permissions()).isZero();
        assertThat(a.permissionCount()).isZero();
    }

    @Test
    void permissionCoversTheIpOnlyNotThePort() throws Exception {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.permit(InetAddress.getByName("198.51.100.1"));
        assertThat(a.permitted(InetAddress.getByName("198.51.100.1"))).isTrue();
        assertThat(a.permitted(InetAddress.getByName("198.51.100.2"))).isFalse();
    }

    @Test
    void channelBindingLastsTenMinutesAndInstallsAPermission() {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.bind(0x4001, peer);
        assertThat(a.permitted(peer.getAddress())).isTrue();
        assertThat(a.channel(0x4001).peer()).isEqualTo(peer);
        assertThat(a.channelFor(peer).number()).isEqualTo(0x4001);
        clock.advance(Duration.ofSeconds(300));
        // The permission from the bind lapsed after 300 s; the channel itself lives on.
        assertThat(a.permitted(peer.getAddress())).isFalse();
        assertThat(a.channel(0x4001)).isNotNull();
        a.bind(0x4001, peer); // refresh
        clock.advance(Duration.ofSeconds(599));
        assertThat(a.channel(0x4001)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(a.channel(0x4001)).isNull();
        assertThat(a.channelFor(peer)).isNull();
        a.sweep();
        assertThat(a.channelCount()).isZero();
        assertThat(counters.channels()).isZero();
    }

    @Test
    void relayingOverAChannelChecksThePermissionOfItsPeersAddress() {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.bind(0x4001, peer);
        ChannelBinding binding = a.channel(0x4001);
        assertThat(a.permitted(binding)).isTrue();
        clock.advance(Duration.ofSeconds(300));
        assertThat(a.permitted(binding)).isFalse();
        a.sweep(); // the permission is gone, the channel lives on
        assertThat(a.permissionCount()).isZero();
        assertThat(a.channel(0x4001)).isSameAs(binding);
        a.permit(peer.getAddress()); // a CreatePermission makes a new one: the channel relays again
        assertThat(a.permitted(binding)).isTrue();
        clock.advance(Duration.ofSeconds(300));
        assertThat(a.permitted(binding)).isFalse();
        a.permit(peer.getAddress()); // refreshed before any sweep
        assertThat(a.permitted(binding)).isTrue();
        a.delete();
        assertThat(a.permitted(binding)).isFalse();
    }

    @Test
    void conflictingBindingsAreBadRequests() {
        Allocation a = allocation(Lifetimes.RFC8656);
        a.bind(0x4000, peer);
        InetSocketAddress other = new InetSocketAddress("198.51.100.2", 5000);
        assertBadRequest(() -> a.bind(0x4000, other));
        assertBadRequest(() -> a.bind(0x4002, peer));
        // After expiry the number may go to another peer.
        clock.advance(Duration.ofMinutes(10));
        a.bind(0x4000, other);
        assertThat(a.channel(0x4000).peer()).isEqualTo(other);
        assertThat(a.channelFor(peer)).isNull();
    }

    @Test
    void channelNumbersAboveTheRfc8656RangeNeedTheRfc5766Setting() {
        assertBadRequest(() -> allocation(Lifetimes.RFC8656).bind(0x5000, peer));
        assertBadRequest(() -> allocation(Lifetimes.RFC8656).bind(0x3FFF, peer));
        Allocation old = allocation(Lifetimes.RFC8656.withRfc5766Channels(true));
        old.bind(0x7FFF, peer);
        assertThat(old.channel(0x7FFF)).isNotNull();
        assertBadRequest(() -> old.bind(0x8000, new InetSocketAddress("198.51.100.9", 1)));
    }

    @Test
    void tooManyPermissionsIsInsufficientCapacity() throws Exception {
        Allocation a = allocation(Lifetimes.RFC8656);
        for (int i = 1; i <= 10; i++) {
            a.permit(InetAddress.getByName("198.51.100." + i));
        }
        assertThatThrownBy(() -> a.permit(InetAddress.getByName("198.51.100.11")))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.error()).isEqualTo(StunError.INSUFFICIENT_CAPACITY));
        assertThat(counters.permissions()).isEqualTo(10);
    }

    @Test
    void retransmittedAllocateIsRecognisedByItsTransactionId() {
        TransactionId tid = TransactionId.random();
        FiveTuple ft = new FiveTuple(Transport.TCP, new InetSocketAddress("203.0.113.1", 40000), new InetSocketAddress("192.0.2.1", 3478));
        Allocation a = new Allocation(ft, "u", new InetSocketAddress("192.0.2.1", 50000), tid, Duration.ofMinutes(10),
                Lifetimes.RFC8656, clock, counters, 10);
        assertThat(a.createdBy(tid)).isTrue();
        assertThat(a.createdBy(TransactionId.random())).isFalse();
        assertThat(a.toString()).doesNotContain("203.0.113.1").doesNotContain("u]");
    }

    private static void assertBadRequest(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StunException.class,
                e -> assertThat(e.error()).isEqualTo(StunError.BAD_REQUEST));
    }

    @Test
    void eachPeerTransportAddressFindsItsOwnChannel() throws Exception {
        Allocation a = allocation(Lifetimes.RFC8656);
        InetSocketAddress samePortOtherHost = new InetSocketAddress("198.51.100.2", 5000);
        InetSocketAddress sameHostOtherPort = new InetSocketAddress("198.51.100.1", 5001);
        InetSocketAddress highOctets = new InetSocketAddress("255.254.253.252", 65535);
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 5000);
        a.bind(0x4000, peer);
        a.bind(0x4001, samePortOtherHost);
        a.bind(0x4002, sameHostOtherPort);
        a.bind(0x4003, highOctets);
        a.bind(0x4004, v6);

        assertThat(a.channelFor(peer).number()).isEqualTo(0x4000);
        assertThat(a.channelFor(samePortOtherHost).number()).isEqualTo(0x4001);
        assertThat(a.channelFor(sameHostOtherPort).number()).isEqualTo(0x4002);
        assertThat(a.channelFor(highOctets).number()).isEqualTo(0x4003);
        assertThat(a.channelFor(new InetSocketAddress("2001:db8::1", 5000)).number()).isEqualTo(0x4004);
        // The IPv4-mapped IPv6 form of a peer is that IPv4 peer (Java resolves it to an Inet4Address).
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 198, 51, 100, 1});
        assertThat(a.channelFor(new InetSocketAddress(mapped, 5000)).number()).isEqualTo(0x4000);
        assertThat(a.channelFor(new InetSocketAddress("198.51.100.1", 5002))).isNull();
        assertThat(a.channelFor(new InetSocketAddress("2001:db8::2", 5000))).isNull();

        clock.advance(Duration.ofSeconds(601));
        a.sweep();
        assertThat(a.channelFor(peer)).isNull();
        assertThat(a.channelFor(v6)).isNull();
        a.bind(0x4000, sameHostOtherPort); // a swept channel number serves another peer
        assertThat(a.channelFor(sameHostOtherPort).number()).isEqualTo(0x4000);
        assertThat(a.channelFor(peer)).isNull();
    }
}
