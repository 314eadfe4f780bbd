package de.sprechzimmer.turn.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportAddressMapTest {

    private final TransportAddressMap<String> map = new TransportAddressMap<>();

    @Test
    void everyTransportAddressHasItsOwnEntry() throws Exception {
        map.put(new InetSocketAddress("198.51.100.1", 5000), "a");
        map.put(new InetSocketAddress("198.51.100.2", 5000), "same port, other host");
        map.put(new InetSocketAddress("198.51.100.1", 5001), "same host, other port");
        map.put(new InetSocketAddress("255.254.253.252", 65535), "high octets");
        map.put(new InetSocketAddress("0.0.0.1", 0), "low");
        map.put(new InetSocketAddress("2001:db8::1", 5000), "v6");

        assertThat(map.get(new InetSocketAddress("198.51.100.1", 5000))).isEqualTo("a");
        assertThat(map.get(new InetSocketAddress("198.51.100.2", 5000))).isEqualTo("same port, other host");
        assertThat(map.get(new InetSocketAddress("198.51.100.1", 5001))).isEqualTo("same host, other port");
        assertThat(map.get(new InetSocketAddress("255.254.253.252", 65535))).isEqualTo("high octets");
        assertThat(map.get(new InetSocketAddress("0.0.0.1", 0))).isEqualTo("low");
        assertThat(map.get(new InetSocketAddress("2001:db8::1", 5000))).isEqualTo("v6");
        assertThat(map.get(new InetSocketAddress("198.51.100.1", 5002))).isNull();
        assertThat(map.get(new InetSocketAddress("0.0.0.0", 0))).isNull();
        assertThat(map.get(new InetSocketAddress("2001:db8::1", 5001))).isNull();
        assertThat(map.size()).isEqualTo(6);
        assertThat(map.values()).containsExactlyInAnyOrder("a", "same port, other host", "same host, other port",
                "high octets", "low", "v6");
    }

    @Test
    void theIpv4MappedFormIsTheIpv4Address() throws Exception {
        map.put(new InetSocketAddress("198.51.100.1", 5000), "a");
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF,
                (byte) 198, 51, 100, 1});
        assertThat(map.get(new InetSocketAddress(mapped, 5000))).isEqualTo("a");
    }

    @Test
    void removeWithAValueLeavesAnEntryThatWasReplaced() {
        InetSocketAddress v4 = new InetSocketAddress("198.51.100.1", 5000);
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::1", 5000);
        String first = new String("session");
        String second = new String("session"); // equal, but another instance
        map.put(v4, second);
        map.put(v6, second);

        map.remove(v4, first);
        map.remove(v6, first);
        assertThat(map.get(v4)).isSameAs(second);
        assertThat(map.get(v6)).isSameAs(second);

        map.remove(v4, second);
        map.remove(v6, second);
        assertThat(map.get(v4)).isNull();
        assertThat(map.get(v6)).isNull();
        assertThat(map.size()).isZero();
    }

    @Test
    void valuesIsACopySoEveryEntryCanBeRemovedWhileIterating() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            addresses.put("v4-" + i, new InetSocketAddress("198.51.100." + i, 5000 + i));
            addresses.put("v6-" + i, new InetSocketAddress("2001:db8::" + i, 5000));
        }
        addresses.forEach((value, address) -> map.put(address, value));
        List<String> seen = new ArrayList<>();
        for (String value : map.values()) { // as a listener closes each session, which detaches itself
            seen.add(value);
            map.remove(addresses.get(value), value);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(addresses.keySet());
        assertThat(map.size()).isZero();
    }
}
