package de.sprechzimmer.stats.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisStatsStoreTest extends StatsStoreContract {

    static RedisServerProcess redis;
    static RedisConnections connections;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        connections = new RedisConnections(redis.url());
    }

    @AfterAll
    static void stopRedis() {
        connections.close();
        redis.close();
    }

    @Override
    StatsStore newStore(Retention retention) {
        connections.strings().sync().flushall();
        return new RedisStatsStore(connections, retention);
    }

    @Override
    void assertAddressesPhysicallyGone() {
        assertThat(connections.strings().sync().keys("sz:stats:ip:*")).isEmpty();
    }

    @Test
    void redisItselfDropsEachDayByTtlEvenWithoutAPurge() {
        store.append(List.of(t.sms("doc-1", "praxis-1", DAY0))).join();
        store.appendAddress(new IpRecord(DAY0, t.account("doc-1"), practice, "198.51.100.0")).join();
        RedisCommands<String, String> r = connections.strings().sync();
        List<String> eventKeys = r.keys("sz:stats:ev:*");
        List<String> addressKeys = r.keys("sz:stats:ip:*");
        assertThat(eventKeys).hasSize(1);
        assertThat(addressKeys).hasSize(1);
        // Day 0 started 10.5 hours before DAY0: TTL = rest of the day + retention.
        long restOfDay = Duration.ofHours(13).plusMinutes(30).toMillis();
        assertThat(r.pttl(eventKeys.get(0))).isBetween(restOfDay + Duration.ofDays(90).toMillis() - 60_000,
                restOfDay + Duration.ofDays(90).toMillis());
        assertThat(r.pttl(addressKeys.get(0))).isBetween(restOfDay + Duration.ofDays(15).toMillis() - 60_000,
                restOfDay + Duration.ofDays(15).toMillis());
    }

    @Test
    void thePurgeEmptiesTheIndexesToo() {
        store.append(List.of(t.sms("doc-1", "praxis-1", DAY0))).join();
        clock.advance(Duration.ofDays(92));
        assertThat(store.purge().events()).isEqualTo(1);
        assertThat(connections.strings().sync().zcard(RedisKeys.EVENT_DAYS)).isZero();
        assertThat(connections.strings().sync().keys("sz:stats:ev:*")).isEmpty();
    }

    @Test
    void aRedisThatLostItsDataGetsTtlAndIndexBackWithinMinutes() {
        store.append(List.of(t.sms("doc-1", "praxis-1", DAY0))).join();
        RedisCommands<String, String> r = connections.strings().sync();
        r.flushall();
        store.append(List.of(t.sms("doc-1", "praxis-1", DAY0.plusSeconds(1)))).join();
        String key = r.keys("sz:stats:ev:*").get(0);
        clock.advance(Duration.ofMinutes(11));
        store.append(List.of(t.sms("doc-1", "praxis-1", DAY0.plusSeconds(2)))).join();
        assertThat(r.pttl(key)).isPositive();
        assertThat(r.zrange(RedisKeys.EVENT_DAYS, 0, -1)).containsExactly(key);
    }
}
