package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Participants in Redis, with a safety-net TTL; the resume window itself is data ({@code resumeDeadline}). */
public final class RedisParticipantStore implements ParticipantStore {

    private final RedisCommands<String, String> redis;

    public RedisParticipantStore(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public void put(Participant p) {
        long ttl = RedisJson.SAFETY_TTL.toMillis();
        String old = redis.setGet(RedisKeys.participant(p.id().value()), RedisJson.write(p), SetArgs.Builder.px(ttl));
        RedisJson.read(old, Participant.class).filter(o -> !o.resumeHash().equals(p.resumeHash()))
                .ifPresent(o -> redis.del(RedisKeys.resume(o.resumeHash())));
        redis.set(RedisKeys.resume(p.resumeHash()), p.id().value(), SetArgs.Builder.px(ttl));
        if (p.role() == Role.DOCTOR) {
            redis.sadd(RedisKeys.doctors(p.account().value()), p.id().value());
            redis.pexpire(RedisKeys.doctors(p.account().value()), ttl);
        }
        if (p.connected()) {
            redis.zrem(RedisKeys.resumeDeadlines(), p.id().value());
        } else {
            redis.zadd(RedisKeys.resumeDeadlines(), p.resumeDeadline().toEpochMilli(), p.id().value());
        }
    }

    @Override
    public Optional<Participant> get(ParticipantId id) {
        return RedisJson.read(redis.get(RedisKeys.participant(id.value())), Participant.class);
    }

    @Override
    public Optional<Participant> byResumeHash(String resumeHash) {
        String id = redis.get(RedisKeys.resume(resumeHash));
        return id == null ? Optional.empty() : get(new ParticipantId(id)).filter(p -> p.resumeHash().equals(resumeHash));
    }

    @Override
    public void remove(ParticipantId id) {
        get(id).ifPresent(p -> {
            redis.del(RedisKeys.participant(id.value()), RedisKeys.resume(p.resumeHash()));
            redis.srem(RedisKeys.doctors(p.account().value()), id.value());
        });
        redis.zrem(RedisKeys.resumeDeadlines(), id.value());
    }

    @Override
    public List<Participant> lapsed(Instant before, int limit) {
        List<Participant> found = new ArrayList<>();
        for (String id : redis.zrangebyscore(RedisKeys.resumeDeadlines(),
                Range.create(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli() - 1), Limit.create(0, limit))) {
            Optional<Participant> p = get(new ParticipantId(id));
            if (p.isPresent() && !p.get().connected()) {
                found.add(p.get());
            } else {
                redis.zrem(RedisKeys.resumeDeadlines(), id); // gone (its safety TTL) or connected again
            }
        }
        return found;
    }

    @Override
    public boolean claimLapsed(ParticipantId id) {
        return redis.zrem(RedisKeys.resumeDeadlines(), id.value()) == 1;
    }

    @Override
    public Set<ParticipantId> doctors(AccountId account) {
        String key = RedisKeys.doctors(account.value());
        return redis.smembers(key).stream().map(ParticipantId::new).filter(id -> {
            boolean alive = redis.exists(RedisKeys.participant(id.value())) == 1;
            if (!alive) {
                redis.srem(key, id.value());
            }
            return alive;
        }).collect(Collectors.toUnmodifiableSet());
    }
}
