package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.stats.StatsEvent;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Events in Redis, one sorted set per practice and UTC day ({@link RedisKeys}). Retention is enforced three ways:
 * reads never return anything before the cut-off; {@link #purge()} deletes whole days past it and cuts the
 * boundary day exactly ({@code ZREMRANGEBYSCORE}); and every day set carries a TTL of (end of day + retention),
 * so Redis drops the data by itself even if no collector runs any more. Writes are pipelined on the shared
 * connection; reads (exports) use a connection of their own so a large export does not delay writes.
 */
public final class RedisStatsStore implements StatsStore {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final int PAGE = 10_000;
    /** Keys whose TTL and index entry this process has set recently; bounded, cleared when full. */
    private static final int KNOWN_KEYS_MAX = 100_000;
    private static final Duration REARM = Duration.ofMinutes(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Retention retention;
    private final RedisAsyncCommands<String, String> write;
    private final StatefulRedisConnection<String, String> readConnection;
    private final RedisCommands<String, String> read;
    private final RedisAsyncCommands<String, String> readAsync;
    private final Map<String, Long> armedAt = new ConcurrentHashMap<>();

    public RedisStatsStore(RedisConnections connections, Retention retention) {
        this.retention = retention;
        this.write = connections.strings().async();
        this.readConnection = connections.client().connect();
        this.read = readConnection.sync();
        this.readAsync = readConnection.async();
    }

    /** One practice's UTC day: the unit of a Redis key. */
    private record Bucket(String practice, long epochDay) {
    }

    @Override
    public CompletableFuture<Void> append(List<StatsEvent> events) {
        Map<Bucket, List<ScoredValue<String>>> byBucket = new HashMap<>();
        for (StatsEvent e : events) {
            long at = e.at().toEpochMilli();
            byBucket.computeIfAbsent(new Bucket(e.practice(), Math.floorDiv(at, DAY_MS)), k -> new ArrayList<>())
                    .add(ScoredValue.just(at, EventLine.encode(e)));
        }
        List<CompletableFuture<?>> futures = new ArrayList<>();
        byBucket.forEach((bucket, members) -> {
            String key = RedisKeys.eventDay(bucket.practice(), LocalDate.ofEpochDay(bucket.epochDay()));
            @SuppressWarnings("unchecked")
            ScoredValue<String>[] array = members.toArray(ScoredValue[]::new);
            futures.add(write.zadd(key, array).toCompletableFuture());
            futures.add(onFirstWrite(key, RedisKeys.EVENT_DAYS, bucket.epochDay() * DAY_MS, retention.events()));
        });
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletableFuture<Void> appendAddress(IpRecord r) {
        long at = r.at().toEpochMilli();
        LocalDate day = day(at);
        String key = RedisKeys.addressDay(r.practice(), day);
        String member = EventLine.encode(new StatsEvent("ip", r.at(), r.account(), r.practice(), Map.of("p", r.prefix())));
        return CompletableFuture.allOf(write.zadd(key, at, member).toCompletableFuture(),
                onFirstWrite(key, RedisKeys.ADDRESS_DAYS, startOf(day), retention.addresses()));
    }

    /**
     * TTL (relative, so it holds whatever Redis' own clock says) and index entry of a day key, set again at most
     * every {@link #REARM} per key and process: cheap on the write path, and a Redis that lost its data (restart
     * without persistence) gets both back within minutes, so no key can live on without expiry.
     */
    private CompletableFuture<?> onFirstWrite(String key, String index, long dayStart, Duration keep) {
        long now = retention.clock().millis();
        Long armed = armedAt.get(key);
        if (armed != null && now - armed < REARM.toMillis()) {
            return CompletableFuture.completedFuture(null);
        }
        if (armedAt.size() > KNOWN_KEYS_MAX) {
            armedAt.clear();
        }
        armedAt.put(key, now);
        long ttl = Math.max(1, dayStart + DAY_MS + keep.toMillis() - now);
        RedisFuture<Boolean> expire = write.pexpire(key, ttl);
        RedisFuture<Long> indexed = write.zadd(index, dayStart, key);
        return CompletableFuture.allOf(expire.toCompletableFuture(), indexed.toCompletableFuture());
    }

    @Override
    public void scan(Query q, Consumer<StatsEvent> out) {
        readDays(q.from(), q.to(), retention.eventCutoff(), day -> RedisKeys.eventDay(q.practice(), day), line -> {
            StatsEvent e = EventLine.decode(line, q.practice());
            if (q.account().isEmpty() || q.account().get().equals(e.account())) {
                out.accept(e);
            }
        });
    }

    @Override
    public List<IpRecord> addresses(String practice, Instant from, Instant to) {
        List<IpRecord> out = new ArrayList<>();
        readDays(from, to, retention.addressCutoff(), day -> RedisKeys.addressDay(practice, day), line -> {
            StatsEvent e = EventLine.decode(line, practice);
            out.add(new IpRecord(e.at(), e.account(), practice, e.fields().get("p")));
        });
        return out;
    }


    /**
     * Reads the day sets in pages, asking Redis for the next page before handing out the current one, so Redis
     * and this thread work at the same time.
     */
    private void readDays(Instant from, Instant to, Instant cutoff, Function<LocalDate, String> keyOf, Consumer<String> out) {
        long lo = Math.max(from.toEpochMilli(), cutoff.toEpochMilli());
        long hi = to.toEpochMilli();
        if (lo >= hi) {
            return;
        }
        Range<Long> range = Range.from(Range.Boundary.including(lo), Range.Boundary.excluding(hi));
        LocalDate last = day(hi - 1);
        LocalDate day = day(lo);
        long offset = 0;
        RedisFuture<List<String>> next = readAsync.zrangebyscore(keyOf.apply(day), range, Limit.create(0, PAGE));
        while (next != null) {
            List<String> page = await(next);
            if (page.size() == PAGE) {
                offset += PAGE;
            } else {
                day = day.plusDays(1);
                offset = 0;
            }
            next = day.isAfter(last) ? null
                    : readAsync.zrangebyscore(keyOf.apply(day), range, Limit.create(offset, PAGE));
            page.forEach(out);
        }
    }

    private static <T> T await(RedisFuture<T> f) {
        try {
            return f.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RedisException(e.getCause());
        } catch (TimeoutException e) {
            throw new RedisCommandTimeoutException("reading statistics timed out");
        }
    }

    @Override
    public Purged purge() {
        long events = purge(RedisKeys.EVENT_DAYS, retention.eventCutoff(), retention.events());
        long addresses = purge(RedisKeys.ADDRESS_DAYS, retention.addressCutoff(), retention.addresses());
        return new Purged(events, addresses);
    }

    private long purge(String index, Instant cutoff, Duration keep) {
        long c = cutoff.toEpochMilli();
        long deleted = 0;
        // Whole days that ended at or before the cut-off.
        for (String key : read.zrangebyscore(index, Range.create(Double.NEGATIVE_INFINITY, (double) (c - DAY_MS)))) {
            deleted += read.zcard(key);
            read.unlink(key);
            read.zrem(index, key);
            armedAt.remove(key);
        }
        // The day the cut-off falls in: cut exactly.
        Range<Double> boundary = Range.from(Range.Boundary.excluding((double) (c - DAY_MS)), Range.Boundary.including((double) c));
        for (String key : read.zrangebyscore(index, boundary)) {
            deleted += read.zremrangebyscore(key, Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(c)));
        }
        // The index dies with the data if nothing writes any more.
        read.pexpire(index, keep.plusDays(2).toMillis());
        return deleted;
    }

    @Override
    public long size() {
        long n = 0;
        for (String key : read.zrange(RedisKeys.EVENT_DAYS, 0, -1)) {
            n += read.zcard(key);
        }
        return n;
    }

    @Override
    public boolean healthy() {
        return readConnection.isOpen();
    }

    @Override
    public void close() {
        readConnection.close();
    }

    private static LocalDate day(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MS));
    }

    private static long startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
