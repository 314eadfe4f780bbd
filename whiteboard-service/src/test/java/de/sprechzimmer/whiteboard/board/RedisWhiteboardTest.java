package de.sprechzimmer.whiteboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.whiteboard.access.RedisRevocations;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.RedisWhiteboardStore;
import de.sprechzimmer.whiteboard.store.StoreInspection;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisWhiteboardTest extends WhiteboardContract {

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

    @Override
    Revocations newRevocations() {
        return new RedisRevocations(redis, Duration.ofHours(24));
    }

    @Override
    void assertNothingHeldOf(SessionId session) {
        assertThat(StoreInspection.redisDataOf(redis, session)).isEmpty();
    }
}
