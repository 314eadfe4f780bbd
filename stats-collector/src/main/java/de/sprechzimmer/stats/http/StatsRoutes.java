package de.sprechzimmer.stats.http;

import de.sprechzimmer.common.http.HttpError;
import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.stats.export.CsvExport;
import de.sprechzimmer.stats.export.Lang;
import de.sprechzimmer.stats.export.PdfReport;
import de.sprechzimmer.stats.export.Period;
import de.sprechzimmer.stats.export.Summary;
import de.sprechzimmer.stats.ingest.StatsIngest;
import de.sprechzimmer.stats.store.Query;
import de.sprechzimmer.stats.store.StatsStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /stats/export.csv}, {@code GET /stats/export.pdf}, {@code GET /stats/summary} (docs/statistics.md,
 * "HTTP API"). The handler on the event loop only checks the ticket and the parameters; reading the store,
 * writing CSV and rendering the PDF run on the bounded export pool, and the CSV streams as it is written.
 */
public final class StatsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StatsRoutes.class);

    private final StatsStore store;
    private final StatsIngest ingest;
    private final SessionTickets tickets;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final ZoneId zone;
    private final int maxDays;
    private final ExecutorService exports;
    private final MeterRegistry registry;

    public StatsRoutes(StatsStore store, StatsIngest ingest, SessionTickets tickets, Pseudonymizer pseudonymizer,
                       Clock clock, ZoneId zone, int maxDays, ExecutorService exports, MeterRegistry registry) {
        this.store = store;
        this.ingest = ingest;
        this.tickets = tickets;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
        this.zone = zone;
        this.maxDays = maxDays;
        this.exports = exports;
        this.registry = registry;
    }

    public void addTo(Router router) {
        router.get("/stats/export.csv", this::csv)
                .get("/stats/export.pdf", this::pdf)
                .get("/stats/summary", this::summary);
    }

    /** What a request asks for, checked on the event loop before any work is queued. */
    private record Request(Caller caller, Query query, Period period, String scope) {
    }

    private Request request(HttpExchange ex) {
        Caller caller = Caller.of(ex, tickets, pseudonymizer);
        String scope = ex.query("scope").orElse("own");
        if (!scope.equals("own") && !scope.equals("practice")) {
            throw HttpError.badRequest("invalid_scope", "'scope' must be own or practice");
        }
        if (scope.equals("practice") && !caller.admin()) {
            throw HttpError.forbidden("Practice figures need the practice admin role");
        }
        Period period;
        try {
            period = Period.of(ex.query("from"), ex.query("to"), zone, clock, maxDays);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("invalid_period", e.getMessage());
        }
        Query q = scope.equals("practice")
                ? Query.practice(caller.practice(), period.start(), period.end())
                : Query.account(caller.practice(), caller.account(), period.start(), period.end());
        return new Request(caller, q, period, scope);
    }

    private void csv(HttpExchange ex) {
        Request r = request(ex);
        String rows = ex.query("rows").orElse("event");
        if (!rows.equals("event") && !rows.equals("day")) {
            throw HttpError.badRequest("invalid_rows", "'rows' must be event or day");
        }
        run(ex, "csv", () -> {
            StreamingResponse out = new StreamingResponse(ex, "text/csv; charset=utf-8", fileName(r.period(), rows.equals("day") ? "-tage" : "", "csv"));
            try {
                if (rows.equals("event")) {
                    try (CsvExport.EventRows w = CsvExport.eventRows(out, zone)) {
                        store.scan(r.query(), w);
                    }
                } else {
                    Summary s = new Summary(r.period());
                    store.scan(r.query(), s);
                    CsvExport.writeDays(s, out);
                }
                out.finish();
            } catch (IOException | RuntimeException e) {
                if (!out.started()) {
                    throw e;
                }
                LOG.warn("CSV export cut off: {}", e.toString());
                out.abort();
                return;
            }
            exported(r, "csv", rows);
        });
    }

    private void pdf(HttpExchange ex) {
        Request r = request(ex);
        Lang lang = lang(ex);
        run(ex, "pdf", () -> {
            Summary s = new Summary(r.period());
            store.scan(r.query(), s);
            byte[] pdf = PdfReport.render(s, r.scope(), lang, clock.instant());
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(pdf));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/pdf");
            response.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(r.period(), "", "pdf") + "\"");
            ex.send(response);
            exported(r, "pdf", null);
        });
    }

    private void summary(HttpExchange ex) {
        Request r = request(ex);
        run(ex, "json", () -> {
            Summary s = new Summary(r.period());
            store.scan(r.query(), s);
            ex.json(s.toMap(r.scope()));
        });
    }

    private static Lang lang(HttpExchange ex) {
        try {
            return Lang.of(ex.query("lang"));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("invalid_lang", e.getMessage());
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void run(HttpExchange ex, String format, Work work) {
        Timer.Sample sample = Timer.start(registry);
        try {
            exports.execute(() -> {
                String outcome = "ok";
                try {
                    work.run();
                } catch (Exception e) {
                    outcome = "failed";
                    LOG.error("statistics export failed ({})", format, e);
                    ex.error(new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "Export failed"));
                } finally {
                    sample.stop(Timer.builder("stats.export.duration").tag("format", format).tag("outcome", outcome)
                            .description("Time to produce an export").register(registry));
                }
            });
        } catch (RejectedExecutionException e) {
            Counter.builder("stats.export.rejected").description("Exports refused because the export pool was full")
                    .register(registry).increment();
            throw new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded", "Too many exports running, try again shortly");
        }
    }

    /** Records the export itself as an event (format and period, never the content). */
    private void exported(Request r, String format, String rows) {
        Map<String, String> fields = new java.util.HashMap<>(Map.of("format", format, "scope", r.scope(),
                "from", r.period().from().toString(), "to", r.period().to().toString()));
        Optional.ofNullable(rows).ifPresent(v -> fields.put("rows", v));
        ingest.submit(new StatsEvent(StatsEvents.STATS_EXPORTED, clock.instant(), r.caller().account(), r.caller().practice(), fields));
    }

    private static String fileName(Period p, String suffix, String ext) {
        return "sprechzimmer-statistik-" + p.from() + "_" + p.lastDay() + suffix + "." + ext;
    }
}
