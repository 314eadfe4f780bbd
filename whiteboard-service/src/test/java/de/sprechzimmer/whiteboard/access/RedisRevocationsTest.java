package de.sprechzimmer.whiteboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.whiteboard.store.RedisKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisRevocationsTest extends RevocationsContract {

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
    Revocations newRevocations() {
        redis.strings().sync().flushall();
        return new RedisRevocations(redis, TTL);
    }

    @Test
    void anotherNodeSeesWhatOneNodeRecorded() {
        revocations.sessionEnded(s1);
        Revocations otherNode = new RedisRevocations(redis, TTL);
        assertThat(otherNode.standing(s1, guest)).isEqualTo(Standing.SESSION_ENDED);
    }

    @Test
    void redisForgetsAfterTheRevocationTtl() {
        revocations.sessionEnded(s1);
        revocations.participantRevoked(s2, guest);
        for (String key : new String[] {RedisKeys.ended(s1), RedisKeys.revoked(s2, guest)}) {
            assertThat(redis.strings().sync().pttl(key)).as(key).isPositive().isLessThanOrEqualTo(TTL.toMillis())
                    .isGreaterThan(TTL.toMillis() - 60_000);
        }
    }
}
