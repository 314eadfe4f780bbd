package de.sprechzimmer.stats.export;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.stats.testing.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfReportTest {

    final Instant now = Instant.parse("2026-03-02T09:00:00Z");
    final TestEvents t = new TestEvents(java.time.Clock.fixed(now, ZoneId.of("UTC")));

    Summary summary() {
        Summary s = new Summary(new Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01"), ZoneId.of("Europe/Berlin")));
        s.accept(t.consultation("d", "p", Instant.parse("2026-02-03T09:00:00Z"), 600, "relay", "chat,screen-sharing"));
        s.accept(t.consultation("d", "p", Instant.parse("2026-02-03T10:00:00Z"), 1200, "p2p", "chat"));
        s.accept(t.consultation("d", "p", Instant.parse("2026-02-17T10:00:00Z"), 1800, "p2p", "whiteboard"));
        s.accept(t.consultation("d", "p", Instant.parse("2026-02-18T10:00:00Z"), 3600, "p2p", ""));
        s.accept(t.sms("d", "p", Instant.parse("2026-02-18T10:00:00Z")));
        return s;
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void theGermanSummaryOpensAndShowsTheTotals() throws Exception {
        byte[] pdf = PdfReport.render(summary(), "practice", Lang.DE, now);
        Files.write(Path.of("target", "stats-summary-de.pdf"), pdf);
        String text = text(pdf);
        assertThat(text).contains("Sprechzimmer \u2013 Statistik", "Zeitraum:", "01.02.2026 \u2013 28.02.2026", "ganze Praxis");
        assertThat(text).containsPattern("Sprechstunden:\\s+4");
        assertThat(text).containsPattern("Gesamtdauer:\\s+2:00:00 h");
        assertThat(text).containsPattern("Durchschnittliche Dauer:\\s+0:30:00 h");
        assertThat(text).containsPattern("Anteil \u00fcber Relay \\(TURN\\):\\s+25,0 % \\(1/4\\)");
        assertThat(text).containsPattern("Chat:\\s+2").containsPattern("Bildschirmfreigabe:\\s+1").containsPattern("Whiteboard:\\s+1");
        assertThat(text).containsPattern("SMS versandt:\\s+1");
        assertThat(text).contains("Sprechstunden pro Tag", "01.02.", "28.02.");
    }

    @Test
    void englishOnRequest() throws Exception {
        String text = text(PdfReport.render(summary(), "own", Lang.EN, now));
        assertThat(text).contains("Statistics", "own figures").containsPattern("Consultations:\\s+4")
                .containsPattern("Share relayed \\(TURN\\):\\s+25.0 %");
    }

    @Test
    void anEmptyPeriodStillRendersOnePage() throws Exception {
        Summary empty = new Summary(new Period(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-02"), ZoneId.of("Europe/Berlin")));
        assertThat(text(PdfReport.render(empty, "own", Lang.DE, now))).containsPattern("Sprechstunden:\\s+0").contains("keine Angabe");
    }
}
