package de.sprechzimmer.whiteboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.whiteboard.ids.SessionId;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisWhiteboardStoreTest extends WhiteboardStoreContract {

    static RedisServerProcess server;
    static RedisConnections redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
        redis = new RedisConnections(server.url());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @Override
    WhiteboardStore newStore() {
        redis.strings().sync().flushall();
        return new RedisWhiteboardStore(redis, clock);
    }

    /** Every key in the whole Redis, by SCAN (never KEYS). */
    static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.strings().sync().scan(cursor, ScanArgs.Builder.limit(100));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    @Override
    void assertNothingHeldOf(SessionId session) {
        assertThat(allKeys()).noneMatch(k -> k.contains(session.value()));
        assertThat(redis.strings().sync().zscore(RedisKeys.DEADLINES, session.value())).isNull();
    }

    @Test
    void everyKeyExpiresAtTheSessionDeadlineAtTheLatest() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        store.put(s1, k, file(10, "a"), roomy);
        List<String> keys = allKeys();
        assertThat(keys).contains(RedisKeys.key(s1), RedisKeys.meta(s1), RedisKeys.blobs(s1), RedisKeys.sizes(s1),
                RedisKeys.usage(s1), RedisKeys.DEADLINES);
        for (String key : keys) {
            assertThat(redis.strings().sync().pttl(key)).as("TTL of %s", key)
                    .isPositive().isLessThanOrEqualTo(Duration.ofHours(12).toMillis());
        }
    }

    @Test
    void storedValuesAreTheSealedBytesUnchanged() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        StoredFile f = file(10, "payload");
        store.put(s1, k, f, roomy);
        byte[] raw = redis.bytes().sync().hget(RedisKeys.bytes(RedisKeys.blobs(s1)), f.id().value().getBytes(StandardCharsets.US_ASCII));
        assertThat(raw).isEqualTo(f.sealedBlob());
    }
}
