package de.sprechzimmer.common.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PrivacyTest {

    @Test
    void ipv4IsCutToItsSlash24() throws Exception {
        assertThat(IpAnonymizer.anonymize(InetAddress.getByName("203.0.113.77"))).isEqualTo("203.0.113.0");
    }

    @Test
    void ipv6IsCutToItsSlash48() throws Exception {
        assertThat(IpAnonymizer.anonymize(InetAddress.getByName("2001:db8:1234:5678:9abc::1"))).isEqualTo("2001:db8:1234::");
    }

    @Test
    void mappedIpv4IsTreatedAsIpv4() throws Exception {
        assertThat(IpAnonymizer.anonymize(InetAddress.getByName("::ffff:198.51.100.9"))).isEqualTo("198.51.100.0");
    }

    @Test
    void pseudonymIsKeyedHashAndStable() {
        // python3: base64url(hmac_sha256(b'pseudonym-secret-0123', b'account:42')[:16])
        Pseudonymizer p = new Pseudonymizer("pseudonym-secret-0123");
        assertThat(p.pseudonym("account", "42")).isEqualTo("rKJH_K_rttzeXzdmBlhyjw");
        assertThat(p.pseudonym("practice", "42")).isNotEqualTo(p.pseudonym("account", "42"));
        assertThat(new Pseudonymizer("another-secret-0123").pseudonym("account", "42")).isNotEqualTo("rKJH_K_rttzeXzdmBlhyjw");
    }
}
