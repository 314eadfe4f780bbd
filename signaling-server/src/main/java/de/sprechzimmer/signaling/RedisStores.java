package de.sprechzimmer.signaling;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.time.Scheduler;

/** The distributed stores, all in one Redis. */
final class RedisStores {

    private RedisStores() {
    }

    static Stores create(RedisConnections redis, Scheduler scheduler) {
        throw new UnsupportedOperationException("Redis stores are not built yet");
    }
}
