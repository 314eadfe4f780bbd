package de.sprechzimmer.stats.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.stats.testing.TestEvents;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T09:00:00Z"));
    final EventValidator validator = new EventValidator(clock, Duration.ofDays(90));
    final TestEvents t = new TestEvents(clock);
    final StatsEvents helper = t.helper();

    StatsEvent with(StatsEvent e, Map<String, String> changes) {
        Map<String, String> f = new HashMap<>(e.fields());
        changes.forEach((k, v) -> {
            if (v == null) {
                f.remove(k);
            } else {
                f.put(k, v);
            }
        });
        return new StatsEvent(e.type(), e.at(), e.account(), e.practice(), f);
    }

    void rejected(Rejection reason, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void everyTypeBuiltWithTheCommonHelperIsAccepted() throws Exception {
        InetAddress client = InetAddress.getByName("203.0.113.77");
        List<StatsEvent> all = List.of(
                helper.of(StatsEvents.LOGIN, "acc-1", "pr-1").field("role", "doctor").field("domain", "Praxis.Example.DE")
                        .field("client", "browser").field("device", "desktop").field("browser", "firefox")
                        .field("browser-version", "128.0").field("os", "linux").field("os-version", "6.1").clientAddress(client).build(),
                helper.of(StatsEvents.CONSULTATION_STARTED, "acc-1", "pr-1").field("doctors", 1).field("guests", 2).build(),
                t.consultation("acc-1", "pr-1", clock.instant(), 754, "relay", "screenshot,chat,chat"),
                t.sms("acc-1", "pr-1", clock.instant()),
                helper.of(StatsEvents.EMAIL_SENT, "acc-1", "pr-1").field("sender-domain", "mail.example.org").field("reason", "access-code").build(),
                helper.of(StatsEvents.ACCESS_CODE_CREATED, "acc-1", "pr-1").field("room-kind", "personal").build(),
                helper.of(StatsEvents.CONTACT_ADDED, "acc-1", "pr-1").build(),
                helper.of(StatsEvents.CONTACT_REMOVED, "acc-1", "pr-1").build(),
                helper.of(StatsEvents.WAITING_ROOM_CREATED, "acc-1", "pr-1").field("room-kind", "shared").build(),
                helper.of(StatsEvents.STATS_EXPORTED, "acc-1", "pr-1").field("format", "pdf").field("scope", "own")
                        .field("from", "2026-02-01").field("to", "2026-03-01").build(),
                t.telemetry("acc-1", "pr-1", clock.instant(), "p2p"));
        assertThat(all.stream().map(StatsEvent::type)).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(EventType.values()).map(EventType::wire).toList());
        for (StatsEvent e : all) {
            StatsEvent checked = validator.check(e);
            assertThat(checked.account()).isEqualTo(t.account("acc-1")).isNotEqualTo("acc-1");
        }
        StatsEvent login = validator.check(all.get(0));
        assertThat(login.fields()).containsEntry("domain", "praxis.example.de").containsEntry("ip", "203.0.113.0");
        assertThat(validator.check(all.get(2)).fields()).containsEntry("features", "chat,screenshot");
    }

    @Test
    void aFullAddressThatSlipsThroughIsTruncatedNotStored() throws Exception {
        StatsEvent login = new StatsEvent(StatsEvents.LOGIN, clock.instant(), t.account("a"), t.practice("p"),
                Map.of("role", "guest", "ip", "2001:db8:1234:5678::9"));
        assertThat(validator.check(login).fields()).containsEntry("ip", "2001:db8:1234::");
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(login, Map.of("ip", "localhost"))));
    }

    @Test
    void anythingOutsideTheCatalogueIsRefusedWithItsReason() {
        StatsEvent ok = t.consultation("a", "p", clock.instant(), 60, "p2p", "");
        rejected(Rejection.UNKNOWN_TYPE, () -> validator.check(new StatsEvent("consultation.exploded", ok.at(), ok.account(), ok.practice(), ok.fields())));
        rejected(Rejection.UNKNOWN_FIELD, () -> validator.check(with(ok, Map.of("patient-name", "Erika"))));
        rejected(Rejection.MISSING_FIELD, () -> validator.check(with(ok, java.util.Collections.singletonMap("duration-s", null))));
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(ok, Map.of("duration-s", "-5"))));
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(ok, Map.of("duration-s", "86401"))));
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(ok, Map.of("connection", "carrier-pigeon"))));
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(ok, Map.of("features", "chat,telepathy"))));
        rejected(Rejection.TOO_LARGE, () -> validator.check(with(ok, Map.of("connection", "x".repeat(300)))));
        rejected(Rejection.INVALID_PSEUDONYM, () -> validator.check(new StatsEvent(ok.type(), ok.at(), "account-42", ok.practice(), ok.fields())));
        rejected(Rejection.TIME_IN_FUTURE, () -> validator.check(new StatsEvent(ok.type(), ok.at().plus(Duration.ofMinutes(6)), ok.account(), ok.practice(), ok.fields())));
        rejected(Rejection.TOO_OLD, () -> validator.check(new StatsEvent(ok.type(), ok.at().minus(Duration.ofDays(91)), ok.account(), ok.practice(), ok.fields())));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("f" + i, "1");
        }
        rejected(Rejection.TOO_LARGE, () -> validator.check(new StatsEvent(ok.type(), ok.at(), ok.account(), ok.practice(), many)));
    }

    @Test
    void versionsHostsAndCountriesAreNarrow() {
        StatsEvent login = helper.of(StatsEvents.LOGIN, "a", "p").field("role", "doctor").build();
        for (String bad : List.of("128.0 (Windows NT 10.0)", "1.2.3.4.5", "v128", " 128")) {
            rejected(Rejection.INVALID_VALUE, () -> validator.check(with(login, Map.of("browser-version", bad))));
        }
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(login, Map.of("domain", "praxis example.de"))));
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(login, Map.of("domain", "user@praxis.de"))));
        StatsEvent sms = t.sms("a", "p", clock.instant());
        rejected(Rejection.INVALID_VALUE, () -> validator.check(with(sms, Map.of("country", "+49"))));
    }

    @Test
    void everyTelemetryReportSignalingAcceptsIsAValidEvent() throws Exception {
        for (String media : List.of("audio-video", "audio")) {
            for (String path : List.of("p2p", "relay")) {
                for (String protocol : java.util.Arrays.asList("udp", "tcp", "tls", null)) {
                    for (String network : java.util.Arrays.asList("wifi", "cellular", "ethernet", "other", "unknown", null)) {
                        de.sprechzimmer.common.stats.TelemetryReport r = new de.sprechzimmer.common.stats.TelemetryReport(
                                "s_1", media, path, protocol, 65_535, 10_000_000L, network);
                        for (String role : List.of("doctor", "guest")) {
                            assertThat(validator.check(r.toEvent(helper, "doc-1", "praxis-1", role)).fields()).containsEntry("path", path);
                        }
                    }
                }
            }
        }
    }
}
