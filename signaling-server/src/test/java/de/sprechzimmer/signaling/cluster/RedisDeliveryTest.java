package de.sprechzimmer.signaling.cluster;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.signaling.redis.RedisFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Two nodes (each with its own subscription) sharing one real redis-server. */
class RedisDeliveryTest extends DeliveryContract {

    private RedisDelivery home;
    private RedisDelivery away;
    private RedisConnections second;

    @BeforeEach
    void nodes() {
        home = new RedisDelivery(RedisFixture.fresh(), "home");
        second = new RedisConnections(RedisFixture.server().url());
        away = new RedisDelivery(second, "away");
    }

    @AfterEach
    void close() {
        home.close();
        away.close();
        second.close();
    }

    @Override
    Delivery home() {
        return home;
    }

    @Override
    Delivery away() {
        return away;
    }
}
