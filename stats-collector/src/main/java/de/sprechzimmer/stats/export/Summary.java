package de.sprechzimmer.stats.export;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.stats.event.Feature;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Figures of a period, built in one pass over the events (constant memory: one row per day): consultations per
 * day, durations, relayed share, feature use, and counts of the other billing-relevant events.
 */
public final class Summary implements Consumer<StatsEvent> {

    private final Period period;
    private final Day[] days;

    public Summary(Period period) {
        this.period = period;
        this.days = new Day[period.days()];
        for (int i = 0; i < days.length; i++) {
            days[i] = new Day(period.from().plusDays(i));
        }
    }

    @Override
    public void accept(StatsEvent e) {
        int i = (int) (LocalDate.ofInstant(e.at(), period.zone()).toEpochDay() - period.from().toEpochDay());
        if (i < 0 || i >= days.length) {
            return;
        }
        days[i].add(e);
    }

    public Period period() {
        return period;
    }

    public List<Day> days() {
        return List.of(days);
    }

    public Day total() {
        Day t = new Day(null);
        for (Day d : days) {
            t.addAll(d);
        }
        return t;
    }

    /** Counters of one day (or, with a null date, of the whole period). */
    public static final class Day {
        private final LocalDate date;
        long consultations;
        long durationS;
        long p2p;
        long relay;
        long connectionUnknown;
        final Map<Feature, Long> features = new EnumMap<>(Feature.class);
        long logins;
        long sms;
        long emails;
        long accessCodes;
        long telemetry;
        long telemetryRelay;

        Day(LocalDate date) {
            this.date = date;
            for (Feature f : Feature.values()) {
                features.put(f, 0L);
            }
        }

        void add(StatsEvent e) {
            Map<String, String> f = e.fields();
            switch (e.type()) {
                case StatsEvents.CONSULTATION_ENDED -> {
                    consultations++;
                    durationS += Long.parseLong(f.getOrDefault("duration-s", "0"));
                    switch (f.getOrDefault("connection", "unknown")) {
                        case "p2p" -> p2p++;
                        case "relay" -> relay++;
                        default -> connectionUnknown++;
                    }
                    String used = f.get("features");
                    if (used != null) {
                        for (String name : used.split(",")) {
                            Feature feature = Feature.of(name);
                            if (feature != null) {
                                features.merge(feature, 1L, Long::sum);
                            }
                        }
                    }
                }
                case StatsEvents.LOGIN -> logins++;
                case StatsEvents.SMS_SENT -> sms++;
                case StatsEvents.EMAIL_SENT -> emails++;
                case StatsEvents.ACCESS_CODE_CREATED -> accessCodes++;
                case StatsEvents.TELEMETRY -> {
                    telemetry++;
                    if ("relay".equals(f.get("path"))) {
                        telemetryRelay++;
                    }
                }
                default -> {
                    // other types are listed in the event CSV only
                }
            }
        }

        void addAll(Day d) {
            consultations += d.consultations;
            durationS += d.durationS;
            p2p += d.p2p;
            relay += d.relay;
            connectionUnknown += d.connectionUnknown;
            d.features.forEach((k, v) -> features.merge(k, v, Long::sum));
            logins += d.logins;
            sms += d.sms;
            emails += d.emails;
            accessCodes += d.accessCodes;
            telemetry += d.telemetry;
            telemetryRelay += d.telemetryRelay;
        }

        public LocalDate date() {
            return date;
        }

        public long consultations() {
            return consultations;
        }

        public long durationS() {
            return durationS;
        }

        /** Whole seconds, rounded half up; 0 without consultations. */
        public long averageDurationS() {
            return consultations == 0 ? 0 : (durationS + consultations / 2) / consultations;
        }

        public long p2p() {
            return p2p;
        }

        public long relay() {
            return relay;
        }

        public long connectionUnknown() {
            return connectionUnknown;
        }

        /** Relayed consultations among those whose connection is known; null when none is known. */
        public Double relayedShare() {
            long known = p2p + relay;
            return known == 0 ? null : (double) relay / known;
        }

        public long feature(Feature f) {
            return features.get(f);
        }

        public long logins() {
            return logins;
        }

        public long sms() {
            return sms;
        }

        public long emails() {
            return emails;
        }

        public long accessCodes() {
            return accessCodes;
        }

        public long telemetry() {
            return telemetry;
        }

        public long telemetryRelay() {
            return telemetryRelay;
        }

        /** The JSON view of {@code GET /stats/summary}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            if (date != null) {
                m.put("date", date.toString());
            }
            m.put("consultations", consultations);
            m.put("durationTotalS", durationS);
            m.put("durationAvgS", averageDurationS());
            m.put("connectionP2p", p2p);
            m.put("connectionRelay", relay);
            m.put("connectionUnknown", connectionUnknown);
            m.put("relayedShare", relayedShare());
            Map<String, Long> fm = new java.util.LinkedHashMap<>();
            features.forEach((k, v) -> fm.put(k.wire(), v));
            m.put("features", fm);
            m.put("logins", logins);
            m.put("smsSent", sms);
            m.put("emailsSent", emails);
            m.put("accessCodesCreated", accessCodes);
            m.put("telemetryReports", telemetry);
            m.put("telemetryRelay", telemetryRelay);
            return m;
        }
    }

    /** The JSON view of the whole summary. */
    public Map<String, Object> toMap(String scope) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("from", period.from().toString());
        m.put("to", period.to().toString());
        m.put("timeZone", period.zone().getId());
        m.put("scope", scope);
        m.put("total", total().toMap());
        List<Map<String, Object>> perDay = new ArrayList<>();
        for (Day d : days) {
            perDay.add(d.toMap());
        }
        m.put("days", perDay);
        return m;
    }
}
