package de.sprechzimmer.signaling;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.signaling.redis.RedisFixture;
import java.util.Map;
import java.util.Optional;

/**
 * Two signaling nodes in one JVM on different ports, each with its own Redis connections to one fresh, real
 * redis-server, and each with its own scheduler on one shared clock (so one node's timers can stand still while
 * the other's move).
 */
final class TwoNodes implements AutoCloseable {

    final RedisConnections redisA;
    final RedisConnections redisB;
    final TestServer nodeA;
    final TestServer nodeB;
    private final RedisSessionEvents eventsA;
    private final RedisSessionEvents eventsB;

    /** Both nodes with the given settings (e.g. "resume-window" -> "PT30S") over the test defaults. */
    TwoNodes(Map<String, String> settings) throws Exception {
        RedisFixture.fresh();
        String url = RedisFixture.server().url();
        ManualClock clock = new ManualClock();
        redisA = new RedisConnections(url);
        redisB = new RedisConnections(url);
        eventsA = new RedisSessionEvents(redisA);
        eventsB = new RedisSessionEvents(redisB);
        nodeA = new TestServer(new ManualScheduler(clock), settings, Optional.of(redisA), eventsA);
        nodeB = new TestServer(new ManualScheduler(clock), settings, Optional.of(redisB), eventsB);
    }

    @Override
    public void close() {
        nodeA.close();
        nodeB.close();
        eventsA.close();
        eventsB.close();
        redisA.close();
        redisB.close();
    }
}
