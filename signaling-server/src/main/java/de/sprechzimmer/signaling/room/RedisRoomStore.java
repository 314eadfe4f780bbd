package de.sprechzimmer.signaling.room;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.RoomId;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Rooms and codes in Redis. Codes carry a TTL of their validity plus a day, as a safety net behind the data's own expiry. */
public final class RedisRoomStore implements RoomStore {

    static final Duration CODE_TTL_MARGIN = Duration.ofDays(1);

    private final RedisCommands<String, String> redis;
    private final Clock clock;

    public RedisRoomStore(RedisCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void putRoom(Room room) {
        redis.set(RedisKeys.room(room.id().value()), RedisJson.write(room));
        redis.sadd(RedisKeys.accountRooms(room.owner().value()), room.id().value());
    }

    @Override
    public Optional<Room> room(RoomId id) {
        return RedisJson.read(redis.get(RedisKeys.room(id.value())), Room.class);
    }

    @Override
    public List<Room> rooms(AccountId owner) {
        return redis.smembers(RedisKeys.accountRooms(owner.value())).stream()
                .map(id -> room(new RoomId(id)).orElse(null)).filter(Objects::nonNull)
                .sorted(Comparator.comparing(Room::createdAt).thenComparing(r -> r.id().value())).toList();
    }

    @Override
    public void deleteRoom(RoomId id) {
        Optional<Room> r = room(id);
        codes(id).forEach(c -> deleteCode(c.id()));
        redis.del(RedisKeys.room(id.value()), RedisKeys.roomCodes(id.value()));
        r.ifPresent(x -> redis.srem(RedisKeys.accountRooms(x.owner().value()), id.value()));
    }

    @Override
    public boolean putCode(AccessCode code) {
        long ttl = RedisJson.ttlMillis(clock.instant(), code.validUntil(), CODE_TTL_MARGIN);
        if (!"OK".equals(redis.set(RedisKeys.codeValue(code.code()), code.id().value(), SetArgs.Builder.nx().px(ttl)))) {
            return false;
        }
        redis.set(RedisKeys.code(code.id().value()), RedisJson.write(code), SetArgs.Builder.px(ttl));
        redis.sadd(RedisKeys.roomCodes(code.roomId().value()), code.id().value());
        return true;
    }

    @Override
    public Optional<AccessCode> code(CodeId id) {
        return RedisJson.read(redis.get(RedisKeys.code(id.value())), AccessCode.class);
    }

    @Override
    public Optional<AccessCode> codeByValue(String canonical) {
        String id = redis.get(RedisKeys.codeValue(canonical));
        return id == null ? Optional.empty() : code(new CodeId(id));
    }

    @Override
    public List<AccessCode> codes(RoomId room) {
        String setKey = RedisKeys.roomCodes(room.value());
        return redis.smembers(setKey).stream().map(id -> {
            Optional<AccessCode> c = code(new CodeId(id));
            if (c.isEmpty()) {
                redis.srem(setKey, id);
            }
            return c.orElse(null);
        }).filter(Objects::nonNull)
                .sorted(Comparator.comparing(AccessCode::createdAt).thenComparing(c -> c.id().value())).toList();
    }

    @Override
    public void deleteCode(CodeId id) {
        code(id).ifPresent(c -> {
            redis.del(RedisKeys.code(id.value()));
            redis.srem(RedisKeys.roomCodes(c.roomId().value()), id.value());
            // only the index entry that still points at this code
            if (id.value().equals(redis.get(RedisKeys.codeValue(c.code())))) {
                redis.del(RedisKeys.codeValue(c.code()));
            }
        });
    }
}
