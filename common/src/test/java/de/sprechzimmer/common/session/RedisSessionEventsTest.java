package de.sprechzimmer.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisSessionEventsTest {

    static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void eventsPublishedOnOneNodeReachSubscribersOnAnother() throws Exception {
        try (RedisConnections a = new RedisConnections(redis.url());
             RedisConnections b = new RedisConnections(redis.url());
             RedisSessionEvents publisher = new RedisSessionEvents(a);
             RedisSessionEvents subscriber = new RedisSessionEvents(b)) {
            List<SessionEvent> got = new CopyOnWriteArrayList<>();
            subscriber.subscribe(got::add);
            Instant at = Instant.parse("2026-02-01T12:00:00Z");
            publisher.publish(new SessionEvent.Ended("s-1", at));
            publisher.publish(new SessionEvent.ParticipantRevoked("s-1", "p-9", at));
            await().atMost(Duration.ofSeconds(15)).until(() -> got.size() == 2);
            assertThat(got).containsExactly(new SessionEvent.Ended("s-1", at), new SessionEvent.ParticipantRevoked("s-1", "p-9", at));
        }
    }

    @Test
    void malformedMessagesAreDropped() {
        assertThat(RedisSessionEvents.decode("{not json")).isNull();
        assertThat(RedisSessionEvents.decode("{\"type\":\"exploded\",\"sessionId\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"}")).isNull();
    }
}
