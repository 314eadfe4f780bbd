package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The distributed store (Lettuce, binary codec). Quota check and write are one Lua script, so concurrent
 * uploads on several nodes cannot overrun a session's quota. Every key gets a TTL that ends at the session's
 * hard-expiry deadline, so Redis deletes on its own even if no node ever runs the purge; the purge job
 * ({@link #expired}) enforces the same deadline on the service's clock.
 */
public final class RedisWhiteboardStore implements WhiteboardStore {

    // KEYS: key, meta, blobs, sizes, usage. ARGV: expected key record, file id, size, sealed meta, sealed blob,
    // max files, max bytes, ttl ms. Returns 0 stored, -1 key changed, -2 too many files,
    // -3 session full, -4 id collision.
    private static final String PUT = """
            local k = redis.call('GET', KEYS[1])
            if (not k) or k ~= ARGV[1] then return -1 end
            if redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1 then return -4 end
            local files = tonumber(redis.call('HGET', KEYS[5], 'files') or '0')
            local bytes = tonumber(redis.call('HGET', KEYS[5], 'bytes') or '0')
            if files + 1 > tonumber(ARGV[6]) then return -2 end
            if bytes + tonumber(ARGV[3]) > tonumber(ARGV[7]) then return -3 end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[2], ARGV[5])
            redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
            redis.call('HINCRBY', KEYS[5], 'files', 1)
            redis.call('HINCRBY', KEYS[5], 'bytes', ARGV[3])
            for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[8]) end
            return 0
            """;

    // KEYS: meta, blobs, sizes, usage. ARGV: file id. Returns 1 removed, 0 none.
    private static final String DELETE = """
            local size = redis.call('HGET', KEYS[3], ARGV[1])
            if not size then return 0 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            redis.call('HINCRBY', KEYS[4], 'files', -1)
            redis.call('HINCRBY', KEYS[4], 'bytes', -tonumber(size))
            return 1
            """;

    private final RedisCommands<byte[], byte[]> redis;
    private final Clock clock;

    public RedisWhiteboardStore(RedisConnections connections, Clock clock) {
        this.redis = connections.bytes().sync();
        this.clock = clock;
    }

    @Override
    public KeyRecord keyFor(SessionId session, KeyRecord candidate) {
        return call(() -> {
            long ttl = remainingMillis(candidate.deadline());
            String created = redis.set(b(RedisKeys.key(session)), candidate.encode(), SetArgs.Builder.nx().px(ttl));
            if ("OK".equals(created)) {
                redis.zadd(b(RedisKeys.DEADLINES), candidate.deadline().toEpochMilli(), b(session.value()));
                // The newest session has the latest deadline, so the index lives exactly as long as it is needed.
                redis.pexpire(b(RedisKeys.DEADLINES), ttl);
                return candidate;
            }
            byte[] existing = redis.get(b(RedisKeys.key(session)));
            // Gone between SET NX and GET (ended or expired that instant): the caller's put will see KEY_CHANGED.
            return existing == null ? candidate : KeyRecord.decode(existing);
        });
    }

    @Override
    public Optional<KeyRecord> key(SessionId session) {
        return call(() -> Optional.ofNullable(redis.get(b(RedisKeys.key(session)))).map(KeyRecord::decode));
    }

    @Override
    public PutResult put(SessionId session, KeyRecord expectedKey, StoredFile file, Quota quota) {
        byte[][] keys = {b(RedisKeys.key(session)), b(RedisKeys.meta(session)), b(RedisKeys.blobs(session)),
                b(RedisKeys.sizes(session)), b(RedisKeys.usage(session))};
        Long r = call(() -> redis.eval(PUT, ScriptOutputType.INTEGER, keys,
                expectedKey.encode(), b(file.id().value()), b(Long.toString(file.size())), file.sealedMeta(),
                file.sealedBlob(), b(Integer.toString(quota.maxFiles())), b(Long.toString(quota.maxBytes())),
                b(Long.toString(remainingMillis(expectedKey.deadline())))));
        return switch (r.intValue()) {
            case 0 -> PutResult.STORED;
            case -1 -> PutResult.KEY_CHANGED;
            case -2 -> PutResult.TOO_MANY_FILES;
            case -3 -> PutResult.SESSION_FULL;
            case -4 -> throw new IllegalStateException("file id collision");
            default -> throw new IllegalStateException("unexpected put result " + r);
        };
    }

    @Override
    public Map<FileId, byte[]> metas(SessionId session) {
        Map<byte[], byte[]> all = call(() -> redis.hgetall(b(RedisKeys.meta(session))));
        Map<FileId, byte[]> out = new LinkedHashMap<>();
        all.forEach((k, v) -> FileId.parse(new String(k, StandardCharsets.US_ASCII)).ifPresent(id -> out.put(id, v)));
        return out;
    }

    @Override
    public Optional<byte[]> meta(SessionId session, FileId file) {
        return call(() -> Optional.ofNullable(redis.hget(b(RedisKeys.meta(session)), b(file.value()))));
    }

    @Override
    public Optional<byte[]> blob(SessionId session, FileId file) {
        return call(() -> Optional.ofNullable(redis.hget(b(RedisKeys.blobs(session)), b(file.value()))));
    }

    @Override
    public boolean delete(SessionId session, FileId file) {
        byte[][] keys = {b(RedisKeys.meta(session)), b(RedisKeys.blobs(session)), b(RedisKeys.sizes(session)),
                b(RedisKeys.usage(session))};
        Long r = call(() -> redis.eval(DELETE, ScriptOutputType.INTEGER, keys, b(file.value())));
        return r == 1L;
    }

    @Override
    public Usage usage(SessionId session) {
        return call(() -> {
            var values = redis.hmget(b(RedisKeys.usage(session)), b("files"), b("bytes"));
            int files = values.get(0).hasValue() ? Integer.parseInt(new String(values.get(0).getValue(), StandardCharsets.US_ASCII)) : 0;
            long bytes = values.get(1).hasValue() ? Long.parseLong(new String(values.get(1).getValue(), StandardCharsets.US_ASCII)) : 0;
            return new Usage(files, bytes);
        });
    }

    @Override
    public void deleteSession(SessionId session) {
        call(() -> {
            // The key first, on its own: should anything below fail, what is left can no longer be opened.
            redis.del(b(RedisKeys.key(session)));
            redis.del(b(RedisKeys.blobs(session)), b(RedisKeys.meta(session)), b(RedisKeys.sizes(session)),
                    b(RedisKeys.usage(session)));
            redis.zrem(b(RedisKeys.DEADLINES), b(session.value()));
            return null;
        });
    }

    @Override
    public List<SessionId> expired(Instant now) {
        List<byte[]> due = call(() -> redis.zrangebyscore(b(RedisKeys.DEADLINES),
                Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli())));
        return due.stream().map(v -> new SessionId(new String(v, StandardCharsets.US_ASCII))).toList();
    }

    private long remainingMillis(Instant deadline) {
        return Math.max(1, deadline.toEpochMilli() - clock.millis());
    }

    private static byte[] b(String s) {
        return RedisKeys.bytes(s);
    }

    private static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis command failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
