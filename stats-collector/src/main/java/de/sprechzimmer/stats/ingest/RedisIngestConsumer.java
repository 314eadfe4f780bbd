package de.sprechzimmer.stats.ingest;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.stats.store.RedisKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed mode: reads the events other services appended with {@link RedisStatsSink} from the stream
 * {@link RedisKeys#INGEST_STREAM} as a member of the consumer group {@link RedisKeys#INGEST_GROUP} (several
 * collectors share the work), hands them to {@link StatsIngest} in batches, and acknowledges and deletes each
 * entry once its batch is stored: the stream holds an event only until a collector has taken it. Entries a
 * crashed collector left pending are claimed after a minute. An unreadable entry is counted and dropped.
 */
public final class RedisIngestConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisIngestConsumer.class);
    private static final int BATCH = 1000;
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final Duration CLAIM_IDLE = Duration.ofMinutes(1);

    private final StatsIngest ingest;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final Consumer<String> me = Consumer.from(RedisKeys.INGEST_GROUP, "collector-" + UUID.randomUUID());
    private final Thread thread;
    private volatile boolean running = true;

    /** Opens its own connection (a blocking read must not hold up the shared one) and starts reading. */
    public RedisIngestConsumer(RedisConnections connections, StatsIngest ingest) {
        this.ingest = ingest;
        this.connection = connections.client().connect();
        this.redis = connection.sync();
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(RedisKeys.INGEST_STREAM, "0"), RedisKeys.INGEST_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyThere) {
            // another collector created the group
        }
        this.thread = new Thread(this::loop, "stats-ingest");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        long rounds = 0;
        while (running) {
            try {
                if (rounds++ % 60 == 0) {
                    List<StreamMessage<String, String>> claimed = redis.xautoclaim(RedisKeys.INGEST_STREAM,
                            XAutoClaimArgs.Builder.xautoclaim(me, CLAIM_IDLE, "0-0").count(BATCH)).getMessages();
                    handle(claimed);
                }
                handle(redis.xreadgroup(me, XReadArgs.Builder.count(BATCH).block(BLOCK),
                        XReadArgs.StreamOffset.lastConsumed(RedisKeys.INGEST_STREAM)));
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("reading the statistics ingest stream failed, retrying: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void handle(List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<StatsEvent> events = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        int i = 0;
        for (StreamMessage<String, String> m : messages) {
            ids[i++] = m.getId();
            try {
                events.add(RedisStatsSink.decode(m.getBody()));
            } catch (IllegalArgumentException | NullPointerException e) {
                ingest.countMalformed();
            }
        }
        // Acknowledge only what is stored: a failed store leaves the entries pending, to be claimed again.
        ingest.submitAll(events).join();
        redis.xack(RedisKeys.INGEST_STREAM, RedisKeys.INGEST_GROUP, ids);
        redis.xdel(RedisKeys.INGEST_STREAM, ids);
    }

    /** After a Redis failure: wait a little before the next try, without a busy loop. */
    private void pause() {
        synchronized (this) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(BLOCK.toMillis() * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
