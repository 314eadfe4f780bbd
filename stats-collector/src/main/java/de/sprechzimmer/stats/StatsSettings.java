package de.sprechzimmer.stats;

import de.sprechzimmer.common.config.Setting;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The statistics collector's settings (README table); it also reads {@code CommonSettings} (Redis, secrets). */
public final class StatsSettings {

    private StatsSettings() {
    }

    public static final Setting<String> STATS_HOST = Setting.string("stats-host", "0.0.0.0",
            "Standalone statistics collector: address of its HTTP listener (`/stats/...`)");
    public static final Setting<Integer> STATS_PORT = Setting.port("stats-port", 8084,
            "Standalone statistics collector: port of its HTTP listener");
    public static final Setting<Duration> STATS_RETENTION = Setting.duration("stats-retention", Duration.ofDays(90),
            "How long pseudonymised statistics events are kept (the law allows three months); Redis day sets expire by TTL and a purge job cuts exactly");
    public static final Setting<Duration> STATS_IP_RETENTION = Setting.duration("stats-ip-retention", Duration.ofDays(15),
            "How long anonymised client addresses (IPv4 /24, IPv6 /48) from logins are kept, apart from the events");
    public static final Setting<Duration> STATS_PURGE_INTERVAL = Setting.duration("stats-purge-interval", Duration.ofHours(1),
            "How often the purge job deletes statistics past retention (first run at start)");
    public static final Setting<ZoneId> STATS_TIME_ZONE = Setting.of("stats-time-zone", ZoneId.of("Europe/Berlin"), StatsSettings::zone,
            "Time zone of the days in exports (periods, per-day rows, chart)");
    public static final Setting<Integer> STATS_EXPORT_MAX_DAYS = Setting.integer("stats-export-max-days", 93,
            "Longest period one export may cover, in days");
    public static final Setting<Integer> STATS_EXPORT_CONCURRENCY = Setting.integer("stats-export-concurrency", 2,
            "Exports run at the same time (each on its own worker thread); more wait in a short queue, then get 503 `overloaded`");

    public static List<Setting<?>> all() {
        return List.of(STATS_HOST, STATS_PORT, STATS_RETENTION, STATS_IP_RETENTION, STATS_PURGE_INTERVAL,
                STATS_TIME_ZONE, STATS_EXPORT_MAX_DAYS, STATS_EXPORT_CONCURRENCY);
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a time zone id (e.g. Europe/Berlin): " + text);
        }
    }
}
