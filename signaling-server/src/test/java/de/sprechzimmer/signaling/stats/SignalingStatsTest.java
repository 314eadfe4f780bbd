package de.sprechzimmer.signaling.stats;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SignalingStatsTest {

    final List<StatsEvent> recorded = new CopyOnWriteArrayList<>();
    final ManualClock clock = new ManualClock();
    final StatsEvents events = new StatsEvents(new Pseudonymizer("pseudonym-secret-for-tests-01234"), clock);
    final SignalingStats stats = new SignalingStats(recorded::add, events, clock);
    final AccountId doctor = AccountId.random();
    final PracticeId practice = PracticeId.random();

    @Test
    void aLoginCarriesTheCatalogueValuesOfTheClientAndATruncatedAddressOnly() throws Exception {
        String header = "Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
        stats.login(doctor, practice, "guest", "Praxis.Example.org", header, InetAddress.getByName("203.0.113.77"));
        StatsEvent e = recorded.get(0);
        assertThat(e.type()).isEqualTo("login");
        assertThat(e.account()).isEqualTo(events.account(doctor.value())).isNotEqualTo(doctor.value());
        assertThat(e.practice()).isEqualTo(events.practice(practice.value()));
        assertThat(e.fields()).isEqualTo(Map.of("role", "guest", "domain", "praxis.example.org", "client", "browser",
                "device", "mobile", "browser", "firefox", "browser-version", "133.0", "os", "android", "os-version", "15",
                "ip", "203.0.113.0"));
        assertThat(e.fields().values()).noneMatch(v -> v.contains("Gecko") || v.contains("203.0.113.77"));
    }

    @Test
    void anAddressLiteralOrJunkIsNoDomain() throws Exception {
        assertThat(SignalingStats.domain("10.200.0.1")).isNull();
        assertThat(SignalingStats.domain("::1")).isNull();
        assertThat(SignalingStats.domain("praxis_x.example")).isNull();
        assertThat(SignalingStats.domain("-bad.example")).isNull();
        assertThat(SignalingStats.domain(null)).isNull();
        assertThat(SignalingStats.domain("localhost")).isEqualTo("localhost");
        assertThat(SignalingStats.domain("Video.Praxis-Muster.DE")).isEqualTo("video.praxis-muster.de");
        stats.login(doctor, practice, "doctor", "10.200.0.1", null, InetAddress.getByName("2001:db8:1234:5678::1"));
        assertThat(recorded.get(0).fields()).doesNotContainKey("domain").containsEntry("browser", "other")
                .containsEntry("ip", "2001:db8:1234::").doesNotContainKeys("browser-version", "os-version");
    }
}
