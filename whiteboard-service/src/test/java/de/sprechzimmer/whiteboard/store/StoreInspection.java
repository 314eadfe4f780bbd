package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.whiteboard.ids.SessionId;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** For tests in other packages: what a store really holds, seen from below its interface. */
public final class StoreInspection {

    private StoreInspection() {
    }

    /** Sessions the in-memory store holds anything of (key or files). */
    public static Set<SessionId> heldSessions(InMemoryWhiteboardStore store) {
        return store.sessionsHeld();
    }

    /** Every key in the Redis, found with SCAN. */
    public static List<String> allRedisKeys(RedisConnections redis) {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.strings().sync().scan(cursor, ScanArgs.Builder.limit(100));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    /** Redis keys that hold data of {@code session} (key, files, counters; revocation markers excluded), and its index entry. */
    public static List<String> redisDataOf(RedisConnections redis, SessionId session) {
        List<String> found = new ArrayList<>(allRedisKeys(redis).stream()
                .filter(k -> k.startsWith(RedisKeys.sessionPattern(session).replace("*", ""))).toList());
        if (redis.strings().sync().zscore(RedisKeys.DEADLINES, session.value()) != null) {
            found.add(RedisKeys.DEADLINES + " entry");
        }
        return found;
    }
}
