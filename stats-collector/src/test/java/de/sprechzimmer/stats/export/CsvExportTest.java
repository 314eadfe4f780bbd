package de.sprechzimmer.stats.export;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.stats.event.EventValidator;
import de.sprechzimmer.stats.testing.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    final TestEvents t = new TestEvents(clock);
    final EventValidator validator = new EventValidator(clock, Duration.ofDays(90));

    List<StatsEvent> sample() throws Exception {
        List<StatsEvent> raw = List.of(
                t.consultation("doc-1", "praxis-1", Instant.parse("2026-02-03T09:15:00Z"), 754, "relay", "chat,whiteboard"),
                t.consultation("doc-1", "praxis-1", Instant.parse("2026-02-03T22:59:00Z"), 60, "p2p", ""),
                t.telemetry("doc-1", "praxis-1", Instant.parse("2026-02-03T09:10:00Z"), "relay"),
                t.sms("doc-2", "praxis-1", Instant.parse("2026-02-10T12:00:00Z")),
                t.helper().of(StatsEvents.EMAIL_SENT, "doc-2", "praxis-1").at(Instant.parse("2026-02-11T12:00:00Z"))
                        .field("sender-domain", "praxis.example").build(),
                t.helper().of(StatsEvents.CONTACT_ADDED, "doc-2", "praxis-1").at(Instant.parse("2026-02-12T12:00:00.123Z")).build());
        List<StatsEvent> checked = new ArrayList<>();
        for (StatsEvent e : raw) {
            checked.add(validator.check(e));
        }
        return checked;
    }

    @Test
    void eventRowsParseBackToTheSameEvents() throws Exception {
        List<StatsEvent> events = sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvExport.EventRows rows = CsvExport.eventRows(out, BERLIN)) {
            events.forEach(rows);
            assertThat(rows.rows()).isEqualTo(events.size());
        }
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst()).contains(String.join(",", CsvExport.EVENT_COLUMNS));
        assertThat(csv).contains("2026-02-03T09:15:00Z,\"2026-02-03 10:15:00\",consultation.ended");
        assertThat(CsvExport.readEvents(new ByteArrayInputStream(out.toByteArray()))).containsExactlyElementsOf(events);
    }

    @Test
    void dayRowsCountPerLocalDayIncludingEmptyDays() throws Exception {
        Summary s = new Summary(new Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01"), BERLIN));
        sample().forEach(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.writeDays(s, out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1 + 28);
        assertThat(lines.get(0)).isEqualTo(String.join(",", CsvExport.DAY_COLUMNS));
        // 22:59 UTC on the 3rd is 23:59 in Berlin: still the 3rd.
        assertThat(lines.get(3)).isEqualTo("2026-02-03,2,814,407,1,1,0,1,1,0,0,0,0,0,0,1,1");
        assertThat(lines.get(10)).isEqualTo("2026-02-10,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0");
        assertThat(lines.get(1)).isEqualTo("2026-02-01,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
    }

    @Test
    void theDefaultPeriodIsTheLastCalendarMonth() {
        Period p = Period.of(Optional.empty(), Optional.empty(), BERLIN, clock, 93);
        assertThat(p.from()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(p.to()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(p.start()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
        Period custom = Period.of(Optional.of("2026-01-10"), Optional.of("2026-01-20"), BERLIN, clock, 93);
        assertThat(custom.days()).isEqualTo(10);
    }
}
