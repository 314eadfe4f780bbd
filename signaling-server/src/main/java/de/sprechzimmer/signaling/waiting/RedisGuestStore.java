package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Guests in Redis (TTL = token expiry) and waiting lists as sorted sets scored by arrival time. */
public final class RedisGuestStore implements GuestStore {

    private final RedisCommands<String, String> redis;
    private final Clock clock;

    public RedisGuestStore(RedisCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void put(Guest guest) {
        long ttl = RedisJson.ttlMillis(clock.instant(), guest.expiresAt(), Duration.ZERO);
        redis.set(RedisKeys.guest(guest.id().value()), RedisJson.write(guest), SetArgs.Builder.px(ttl));
        redis.set(RedisKeys.guestToken(guest.tokenHash()), guest.id().value(), SetArgs.Builder.px(ttl));
    }

    @Override
    public Optional<Guest> byId(ParticipantId id, Instant now) {
        return RedisJson.read(redis.get(RedisKeys.guest(id.value())), Guest.class).filter(g -> g.expiresAt().isAfter(now));
    }

    @Override
    public Optional<Guest> byTokenHash(String tokenHash, Instant now) {
        String id = redis.get(RedisKeys.guestToken(tokenHash));
        return id == null ? Optional.empty() : byId(new ParticipantId(id), now);
    }

    @Override
    public void enqueue(AccountId doctor, ParticipantId guest, Instant since) {
        redis.zadd(RedisKeys.waiting(doctor.value()), ZAddArgs.Builder.nx(), (double) since.toEpochMilli(), guest.value());
    }

    @Override
    public boolean dequeue(AccountId doctor, ParticipantId guest) {
        return redis.zrem(RedisKeys.waiting(doctor.value()), guest.value()) == 1;
    }

    @Override
    public List<Waiting> waiting(AccountId doctor) {
        return redis.zrangeWithScores(RedisKeys.waiting(doctor.value()), 0, -1).stream()
                .map((ScoredValue<String> v) -> new Waiting(new ParticipantId(v.getValue()),
                        Instant.ofEpochMilli((long) v.getScore())))
                .toList();
    }
}
