package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.RedisStatsSink;
import java.time.LocalDate;

/**
 * Every Redis key of the statistics, in one place (docs/statistics.md, "Redis layout"). Per practice and UTC
 * day one sorted set (score: event time in ms), so that Redis itself can drop a whole day by TTL and the purge
 * job can cut exactly at the retention boundary. The {@code {practice}} hash tag keeps a practice's days on one
 * Redis Cluster slot.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Index of event day keys, score = start of the day (ms): lets the purge find old days without SCAN. */
    public static final String EVENT_DAYS = "sz:stats:days";
    /** Index of address day keys, score = start of the day (ms). */
    public static final String ADDRESS_DAYS = "sz:stats:ip-days";
    /** Where other services' {@code RedisStatsSink} put events for the collector (defined in common). */
    public static final String INGEST_STREAM = RedisStatsSink.STREAM;
    /** Consumer group of the collectors on {@link #INGEST_STREAM}. */
    public static final String INGEST_GROUP = "stats-collector";

    /** Sorted set of one practice's events of one UTC day; members are {@code EventLine}s. */
    public static String eventDay(String practice, LocalDate day) {
        return "sz:stats:ev:{" + practice + "}:" + day;
    }

    /** Sorted set of one practice's anonymised addresses of one UTC day. */
    public static String addressDay(String practice, LocalDate day) {
        return "sz:stats:ip:{" + practice + "}:" + day;
    }
}
