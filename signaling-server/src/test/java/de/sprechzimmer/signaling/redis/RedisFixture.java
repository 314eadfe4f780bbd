package de.sprechzimmer.signaling.redis;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.testing.RedisServerProcess;

/**
 * One real redis-server for all Redis tests of this JVM (started on first use, stopped at exit), emptied
 * before each test by {@link #fresh()}.
 */
public final class RedisFixture {

    private static RedisServerProcess server;
    private static RedisConnections connections;

    private RedisFixture() {
    }

    public static synchronized RedisServerProcess server() {
        if (server == null) {
            server = RedisServerProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close()));
        }
        return server;
    }

    /** Shared connections to an empty Redis. */
    public static synchronized RedisConnections fresh() {
        if (connections == null) {
            connections = new RedisConnections(server().url());
        }
        connections.strings().sync().flushall();
        return connections;
    }
}
