package de.sprechzimmer.stats.export;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.stats.event.EventType;
import de.sprechzimmer.stats.event.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CSV exports (Jackson CSV, RFC 4180, UTF-8, comma, header line; docs/statistics.md lists every column).
 * Event rows are written as the store hands them out, so an export of a million events never holds them all.
 */
public final class CsvExport {

    /** Leading columns of an event row; one column per catalogue field follows. */
    public static final List<String> EVENT_BASE_COLUMNS = List.of("time", "local-time", "type", "practice", "account");
    public static final List<String> EVENT_COLUMNS;
    public static final List<String> DAY_COLUMNS = List.of("date", "consultations", "duration-total-s", "duration-avg-s",
            "connection-p2p", "connection-relay", "connection-unknown", "whiteboard", "chat", "screen-sharing",
            "screenshot", "logins", "sms-sent", "emails-sent", "access-codes-created", "telemetry-reports",
            "telemetry-relay");

    static {
        List<String> c = new ArrayList<>(EVENT_BASE_COLUMNS);
        c.addAll(EventType.ALL_FIELDS);
        EVENT_COLUMNS = List.copyOf(c);
    }

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS).build();
    private static final int BASE = EVENT_BASE_COLUMNS.size();
    private static final Map<String, Integer> FIELD_COLUMN = fieldColumns();

    private static Map<String, Integer> fieldColumns() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < EventType.ALL_FIELDS.size(); i++) {
            m.put(EventType.ALL_FIELDS.get(i), BASE + i);
        }
        return Map.copyOf(m);
    }

    private CsvExport() {
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder b = CsvSchema.builder();
        columns.forEach(b::addColumn);
        return b.build().withHeader();
    }

    /** A writer of event rows to {@code out}; {@link EventRows#close()} flushes but does not close {@code out}. */
    public static EventRows eventRows(OutputStream out, ZoneId zone) throws IOException {
        return new EventRows(MAPPER.writer(schema(EVENT_COLUMNS)).writeValues(new NonClosing(out)), zone);
    }

    /** Writes event rows one by one; use as the consumer of a store scan. */
    public static final class EventRows implements Consumer<StatsEvent>, AutoCloseable {
        private final SequenceWriter writer;
        private final LocalTimes times;
        private final String[] row = new String[EVENT_COLUMNS.size()];
        private long rows;

        private EventRows(SequenceWriter writer, ZoneId zone) {
            this.writer = writer;
            this.times = new LocalTimes(zone);
        }

        @Override
        public void accept(StatsEvent e) {
            java.util.Arrays.fill(row, BASE, row.length, "");
            row[0] = e.at().toString();
            row[1] = times.local(e.at());
            row[2] = e.type();
            row[3] = e.practice();
            row[4] = e.account();
            e.fields().forEach((name, value) -> {
                Integer column = FIELD_COLUMN.get(name);
                if (column != null) {
                    row[column] = value;
                }
            });
            try {
                writer.write(row);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            rows++;
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** Writes one row per day of the summary's period, days without events included. */
    public static void writeDays(Summary summary, OutputStream out) throws IOException {
        try (SequenceWriter w = MAPPER.writer(schema(DAY_COLUMNS)).writeValues(new NonClosing(out))) {
            for (Summary.Day d : summary.days()) {
                w.write(new String[] {d.date().toString(), n(d.consultations()), n(d.durationS()), n(d.averageDurationS()),
                        n(d.p2p()), n(d.relay()), n(d.connectionUnknown()), n(d.feature(Feature.WHITEBOARD)),
                        n(d.feature(Feature.CHAT)), n(d.feature(Feature.SCREEN_SHARING)), n(d.feature(Feature.SCREENSHOT)),
                        n(d.logins()), n(d.sms()), n(d.emails()), n(d.accessCodes()), n(d.telemetry()), n(d.telemetryRelay())});
            }
        }
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    /** Reads an event CSV back into events (column {@code time} is authoritative; empty cells are absent fields). */
    public static List<StatsEvent> readEvents(InputStream in) throws IOException {
        List<StatsEvent> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                Map<String, String> fields = new HashMap<>();
                for (String f : EventType.ALL_FIELDS) {
                    String v = row.get(f);
                    if (v != null && !v.isEmpty()) {
                        fields.put(f, v);
                    }
                }
                out.add(new StatsEvent(row.get("type"), Instant.parse(row.get("time")), row.get("account"), row.get("practice"), fields));
            }
        }
        return out;
    }

    /** Jackson closes its target with the writer; the HTTP response stream must stay ours to end. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
