package de.sprechzimmer.common.stats;

import de.sprechzimmer.common.privacy.IpAnonymizer;
import de.sprechzimmer.common.redis.RedisConnections;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link StatsSink} of a service that runs apart from the statistics collector (distributed mode): appends
 * each event to the Redis stream {@value #STREAM}, which the collector consumes, checks and stores. Never blocks
 * and never throws: a failed append is dropped and counted ({@link #dropped()}). The stream is capped at
 * {@value #MAX_LENGTH} entries, so a collector that is down for long loses the oldest unread events, not memory.
 *
 * <p>Stream entry: {@code t} type, {@code at} epoch milliseconds, {@code a} account pseudonym, {@code p} practice
 * pseudonym, {@code f.<name>} one per field. A field {@code ip} is truncated (again) before it leaves, so a full
 * address handed in by mistake never reaches Redis.
 */
public final class RedisStatsSink implements StatsSink {

    public static final String STREAM = "sz:stats:ingest";
    public static final long MAX_LENGTH = 1_000_000;

    private final RedisAsyncCommands<String, String> redis;
    private final LongAdder dropped = new LongAdder();

    public RedisStatsSink(RedisConnections connections) {
        this.redis = connections.strings().async();
    }

    @Override
    public void record(StatsEvent event) {
        try {
            redis.xadd(STREAM, XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming(), encode(event))
                    .exceptionally(e -> {
                        dropped.increment();
                        return null;
                    });
        } catch (RuntimeException e) {
            dropped.increment();
        }
    }

    /** Events that could not be handed to Redis. */
    public long dropped() {
        return dropped.sum();
    }

    /** The stream entry of an event (see the class comment). */
    public static Map<String, String> encode(StatsEvent event) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("t", event.type());
        m.put("at", Long.toString(event.at().toEpochMilli()));
        m.put("a", event.account());
        m.put("p", event.practice());
        event.fields().forEach((k, v) -> {
            if (k.equals(StatsEvents.IP_FIELD)) {
                v = truncatedOrNull(v);
            }
            if (v != null) {
                m.put("f." + k, v);
            }
        });
        return m;
    }

    /** The event of a stream entry; {@link IllegalArgumentException} when the entry is not one. */
    public static StatsEvent decode(Map<String, String> entry) {
        String type = entry.get("t");
        String at = entry.get("at");
        String account = entry.get("a");
        String practice = entry.get("p");
        if (type == null || at == null || account == null || practice == null) {
            throw new IllegalArgumentException("stream entry lacks t, at, a or p");
        }
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, String> e : entry.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("f.")) {
                fields.put(k.substring(2), e.getValue());
            } else if (!k.equals("t") && !k.equals("at") && !k.equals("a") && !k.equals("p")) {
                throw new IllegalArgumentException("unknown stream entry key");
            }
        }
        try {
            return new StatsEvent(type, Instant.ofEpochMilli(Long.parseLong(at)), account, practice, fields);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("at is not epoch milliseconds");
        }
    }

    /** An IP literal truncated to /24 or /48; null when the text is not an IP literal (no name lookups, ever). */
    public static String truncatedOrNull(String text) {
        if (text == null || text.length() > 64) {
            return null;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
        return address == null ? null : IpAnonymizer.anonymize(address);
    }
}
