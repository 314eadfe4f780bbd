package de.sprechzimmer.stats.export;

import de.sprechzimmer.stats.event.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The one-page PDF summary (PDFBox): period and scope, key figures, a bar chart of consultations per day drawn
 * with PDFBox's own vector operations, feature use and the other counts. Labels German or English ({@link Lang}).
 * Standard-14 Helvetica with WinAnsi encoding covers the German umlauts, so no font file is embedded.
 */
public final class PdfReport {

    private static final float MARGIN = 56;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private PdfReport() {
    }

    public static byte[] render(Summary summary, String scope, Lang lang, Instant generated) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(lang.label("title"));
            info.setCreator("Sprechzimmer");
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                new Writer(cs, page.getMediaBox(), lang).write(summary, scope, generated);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static final class Writer {
        private final PDPageContentStream cs;
        private final Lang lang;
        private final float width;
        private float y;
        private final DateTimeFormatter date;

        Writer(PDPageContentStream cs, PDRectangle box, Lang lang) {
            this.cs = cs;
            this.lang = lang;
            this.width = box.getWidth() - 2 * MARGIN;
            this.y = box.getHeight() - MARGIN;
            this.date = DateTimeFormatter.ofPattern(lang == Lang.DE ? "dd.MM.yyyy" : "d MMM yyyy", lang.locale());
        }

        void write(Summary s, String scope, Instant generated) throws IOException {
            Period p = s.period();
            Summary.Day t = s.total();
            text(BOLD, 20, MARGIN, lang.label("title"));
            y -= 28;
            line(lang.label("period"), date.format(p.from()) + " \u2013 " + date.format(p.lastDay()) + " (" + p.zone().getId() + ")");
            line(lang.label("scope"), lang.label("scope." + scope));
            line(lang.label("generated"), date.format(generated.atZone(p.zone()).toLocalDate()));
            y -= 10;
            line(lang.label("consultations"), Long.toString(t.consultations()), true);
            line(lang.label("duration.total"), duration(t.durationS()), true);
            line(lang.label("duration.avg"), duration(t.averageDurationS()), true);
            Double share = t.relayedShare();
            line(lang.label("relayed"), share == null ? lang.label("relayed.none")
                    : String.format(lang.locale(), "%.1f %%", share * 100) + " (" + t.relay() + "/" + (t.relay() + t.p2p()) + ")", true);
            y -= 16;
            chart(s.days());
            y -= 20;
            text(BOLD, 12, MARGIN, lang.label("features"));
            y -= 16;
            for (Feature f : Feature.values()) {
                line(lang.label("feature." + f.wire()), Long.toString(t.feature(f)));
            }
            y -= 8;
            text(BOLD, 12, MARGIN, lang.label("counts"));
            y -= 16;
            line(lang.label("logins"), Long.toString(t.logins()));
            line(lang.label("sms"), Long.toString(t.sms()));
            line(lang.label("emails"), Long.toString(t.emails()));
            line(lang.label("codes"), Long.toString(t.accessCodes()));
            y = MARGIN;
            text(REGULAR, 8, MARGIN, lang.label("footer"));
        }

        private void chart(List<Summary.Day> days) throws IOException {
            text(BOLD, 12, MARGIN, lang.label("chart"));
            float height = 150;
            float top = y - 12;
            float bottom = top - height;
            float left = MARGIN + 28;
            float plotWidth = width - 28;
            long max = days.stream().mapToLong(Summary.Day::consultations).max().orElse(0);
            long scale = Math.max(1, niceCeiling(max));
            // Axes and the top grid line with its value.
            cs.setLineWidth(0.7f);
            cs.setStrokingColor(0.2f, 0.2f, 0.2f);
            cs.moveTo(left, top);
            cs.lineTo(left, bottom);
            cs.lineTo(left + plotWidth, bottom);
            cs.stroke();
            cs.setStrokingColor(0.8f, 0.8f, 0.8f);
            cs.moveTo(left, top);
            cs.lineTo(left + plotWidth, top);
            cs.stroke();
            y = top - 3;
            text(REGULAR, 8, MARGIN, Long.toString(scale));
            y = bottom - 3;
            text(REGULAR, 8, MARGIN, "0");
            float slot = plotWidth / Math.max(1, days.size());
            cs.setNonStrokingColor(0.16f, 0.42f, 0.62f);
            for (int i = 0; i < days.size(); i++) {
                long v = days.get(i).consultations();
                if (v > 0) {
                    float h = height * v / scale;
                    cs.addRect(left + i * slot + slot * 0.15f, bottom, slot * 0.7f, h);
                }
            }
            cs.fill();
            cs.setNonStrokingColor(0f, 0f, 0f);
            // Day labels: about ten along the axis, whatever the period's length.
            int every = Math.max(1, (int) Math.ceil(days.size() / 10.0));
            DateTimeFormatter dm = DateTimeFormatter.ofPattern(lang == Lang.DE ? "dd.MM." : "d MMM", lang.locale());
            y = bottom - 12;
            for (int i = 0; i < days.size(); i += every) {
                text(REGULAR, 7, left + i * slot, dm.format(days.get(i).date()));
            }
            y = bottom - 18;
        }

        private static long niceCeiling(long max) {
            long step = 1;
            while (step * 10 < max) {
                step *= 10;
            }
            for (long m : new long[] {1, 2, 5, 10}) {
                if (step * m >= max) {
                    return step * m;
                }
            }
            return step * 10;
        }

        private String duration(long seconds) {
            return String.format("%d:%02d:%02d h", seconds / 3600, (seconds / 60) % 60, seconds % 60);
        }

        private void line(String label, String value) throws IOException {
            line(label, value, false);
        }

        private void line(String label, String value, boolean strong) throws IOException {
            text(REGULAR, 11, MARGIN, label + ":");
            text(strong ? BOLD : REGULAR, 11, MARGIN + 200, value);
            y -= 15;
        }

        private void text(PDType1Font font, float size, float x, String s) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, y);
            cs.showText(s);
            cs.endText();
        }
    }
}
