package de.sprechzimmer.whiteboard.access;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.RedisKeys;
import de.sprechzimmer.whiteboard.store.StoreUnavailableException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;

/** Revocations shared by all nodes: one small key per ended session or revoked participant, expiring by TTL. */
public final class RedisRevocations implements Revocations {

    private final RedisCommands<String, String> redis;
    private final Duration ttl;

    public RedisRevocations(RedisConnections connections, Duration ttl) {
        this.redis = connections.strings().sync();
        this.ttl = ttl;
    }

    @Override
    public void sessionEnded(SessionId session) {
        set(RedisKeys.ended(session));
    }

    @Override
    public void participantRevoked(SessionId session, ParticipantId participant) {
        set(RedisKeys.revoked(session, participant));
    }

    private void set(String key) {
        try {
            redis.set(key, "1", SetArgs.Builder.px(ttl.toMillis()));
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis command failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Standing standing(SessionId session, ParticipantId participant) {
        List<KeyValue<String, String>> v;
        try {
            v = redis.mget(RedisKeys.ended(session), RedisKeys.revoked(session, participant));
        } catch (RedisException e) {
            throw new StoreUnavailableException("Redis command failed: " + e.getClass().getSimpleName(), e);
        }
        if (v.get(0).hasValue()) {
            return Standing.SESSION_ENDED;
        }
        return v.get(1).hasValue() ? Standing.REVOKED : Standing.ACTIVE;
    }

    @Override
    public void purge() {
        // Redis expires the keys itself.
    }
}
