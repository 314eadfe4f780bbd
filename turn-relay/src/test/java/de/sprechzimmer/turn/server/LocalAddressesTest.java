package de.sprechzimmer.turn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {

    @Test
    void ipv4WildcardStandsForEveryIpv4AddressOfTheHostLoopbackIncluded() throws Exception {
        assertThat(LocalAddresses.behind(InetAddress.getByName("0.0.0.0")))
                .contains(InetAddress.getByName("127.0.0.1"))
                .allMatch(a -> a instanceof Inet4Address)
                .doesNotHaveDuplicates();
    }

    @Test
    void ipv6WildcardStandsForBothFamiliesWithoutLinkLocalAddresses() throws Exception {
        assertThat(LocalAddresses.behind(InetAddress.getByName("::")))
                .contains(InetAddress.getByName("127.0.0.1"))
                .noneMatch(InetAddress::isLinkLocalAddress)
                .doesNotHaveDuplicates();
    }

    @Test
    void aSpecificAddressIsNoWildcard() {
        assertThatThrownBy(() -> LocalAddresses.behind(InetAddress.getLoopbackAddress()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
