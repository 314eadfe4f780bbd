package de.sprechzimmer.common.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * One Lettuce client per process, from {@code SPRECHZIMMER_REDIS_URL} ({@code redis://host:port},
 * {@code rediss://} for TLS, {@code redis-sentinel://host:26379#mymaster} for Sentinel). Connections are
 * thread-safe and shared; stores take what they need from here.
 */
public final class RedisConnections implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> strings;
    private volatile StatefulRedisConnection<byte[], byte[]> bytes;

    public RedisConnections(String url) {
        this.client = RedisClient.create(RedisURI.create(url));
        this.strings = client.connect();
    }

    public StatefulRedisConnection<String, String> strings() {
        return strings;
    }

    /** A connection with a binary codec, for values that are not text (encrypted blobs). */
    public synchronized StatefulRedisConnection<byte[], byte[]> bytes() {
        if (bytes == null) {
            bytes = client.connect(ByteArrayCodec.INSTANCE);
        }
        return bytes;
    }

    /** A new pub/sub connection; the caller closes it. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return client.connectPubSub();
    }

    public RedisClient client() {
        return client;
    }

    @Override
    public void close() {
        strings.close();
        if (bytes != null) {
            bytes.close();
        }
        client.shutdown();
    }
}
