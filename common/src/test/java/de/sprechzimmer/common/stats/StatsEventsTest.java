package de.sprechzimmer.common.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.testing.ManualClock;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsEventsTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T08:00:00Z"));
    final Pseudonymizer pseudonymizer = new Pseudonymizer("a-test-pseudonym-secret-0123");
    final StatsEvents events = new StatsEvents(pseudonymizer, clock);

    @Test
    void eventsCarryPseudonymsAndATruncatedAddressOnly() throws Exception {
        StatsEvent e = events.of(StatsEvents.LOGIN, "acc-42", "praxis-7").field("role", "doctor").field("os", null)
                .clientAddress(InetAddress.getByName("203.0.113.77")).build();
        assertThat(e.account()).isEqualTo(pseudonymizer.pseudonym("account", "acc-42")).hasSize(22).doesNotContain("acc-42");
        assertThat(e.practice()).isEqualTo(pseudonymizer.pseudonym("practice", "praxis-7"));
        assertThat(e.at()).isEqualTo(clock.instant());
        assertThat(e.fields()).isEqualTo(Map.of("role", "doctor", "ip", "203.0.113.0"));
    }

    @Test
    void theStreamEntryRoundTripsAndNeverCarriesAFullAddress() {
        StatsEvent slipped = new StatsEvent(StatsEvents.LOGIN, clock.instant(), "a", "p", Map.of("ip", "2001:db8:1234:5678::1", "role", "guest"));
        Map<String, String> entry = RedisStatsSink.encode(slipped);
        assertThat(entry).containsEntry("f.ip", "2001:db8:1234::").containsEntry("t", "login").containsEntry("at", "1767600000000");
        assertThat(RedisStatsSink.decode(entry).fields()).isEqualTo(Map.of("ip", "2001:db8:1234::", "role", "guest"));
        // A value that is not an IP literal is dropped, never looked up.
        assertThat(RedisStatsSink.encode(new StatsEvent("login", clock.instant(), "a", "p", Map.of("ip", "example.org")))).doesNotContainKey("f.ip");
        assertThatThrownBy(() -> RedisStatsSink.decode(Map.of("t", "login"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisStatsSink.decode(Map.of("t", "x", "at", "soon", "a", "a", "p", "p"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTelemetryReportIsReadStrictlyAndBecomesAnEvent() throws Exception {
        var mapper = de.sprechzimmer.common.json.Json.mapper();
        TelemetryReport r = mapper.readValue("{\"sessionId\":\"s_1\",\"media\":\"audio\",\"path\":\"relay\",\"protocol\":\"tls\",\"port\":443,\"bitrateKbps\":800}",
                TelemetryReport.class);
        StatsEvent e = r.toEvent(events, "doc-1", "praxis-1", "guest");
        assertThat(e.type()).isEqualTo(StatsEvents.TELEMETRY);
        assertThat(e.fields()).isEqualTo(Map.of("media", "audio", "path", "relay", "protocol", "tls", "port", "443",
                "bitrate-kbps", "800", "role", "guest"));
        for (String bad : java.util.List.of(
                "{\"sessionId\":\"s_1\",\"media\":\"audio\",\"path\":\"relay\",\"sdp\":\"v=0\"}",
                "{\"sessionId\":\"s_1\",\"media\":\"smell\",\"path\":\"relay\"}",
                "{\"sessionId\":\"s_1\",\"media\":\"audio\"}",
                "{\"sessionId\":\"s_1\",\"media\":\"audio\",\"path\":\"p2p\",\"port\":70000}")) {
            assertThatThrownBy(() -> mapper.readValue(bad, TelemetryReport.class))
                    .isInstanceOfAny(com.fasterxml.jackson.core.JsonProcessingException.class, IllegalArgumentException.class);
        }
    }
}
