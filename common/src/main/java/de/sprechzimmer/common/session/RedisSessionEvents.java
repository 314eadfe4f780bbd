package de.sprechzimmer.common.session;

import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.redis.RedisConnections;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The distributed bus: Redis pub/sub on one channel, events as small JSON objects. */
public final class RedisSessionEvents implements SessionEvents, AutoCloseable {

    /** The pub/sub channel; Redis key and channel names of common live here. */
    public static final String CHANNEL = "sz:session-events";

    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionEvents.class);

    private final RedisConnections redis;
    private final StatefulRedisPubSubConnection<String, String> sub;
    private final CopyOnWriteArrayList<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();

    public RedisSessionEvents(RedisConnections redis) {
        this.redis = redis;
        this.sub = redis.pubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                SessionEvent e = decode(message);
                if (e == null) {
                    return;
                }
                for (Consumer<SessionEvent> l : listeners) {
                    try {
                        l.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.error("session event listener failed for {}", e.getClass().getSimpleName(), ex);
                    }
                }
            }
        });
        sub.sync().subscribe(CHANNEL);
    }

    @Override
    public void publish(SessionEvent event) {
        redis.strings().async().publish(CHANNEL, encode(event));
    }

    @Override
    public AutoCloseable subscribe(Consumer<SessionEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        sub.close();
    }

    record Wire(String type, String sessionId, String participantId, Instant at) {
    }

    static String encode(SessionEvent e) {
        Wire w;
        if (e instanceof SessionEvent.Started s) {
            w = new Wire("started", s.sessionId(), null, s.at());
        } else if (e instanceof SessionEvent.Ended s) {
            w = new Wire("ended", s.sessionId(), null, s.at());
        } else if (e instanceof SessionEvent.ParticipantRevoked r) {
            w = new Wire("revoked", r.sessionId(), r.participantId(), r.at());
        } else {
            throw new IllegalArgumentException("unknown event " + e);
        }
        return Json.write(w);
    }

    static SessionEvent decode(String json) {
        try {
            Wire w = Json.mapper().readValue(json, Wire.class);
            return switch (w.type()) {
                case "started" -> new SessionEvent.Started(w.sessionId(), w.at());
                case "ended" -> new SessionEvent.Ended(w.sessionId(), w.at());
                case "revoked" -> new SessionEvent.ParticipantRevoked(w.sessionId(), w.participantId(), w.at());
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            LOG.warn("dropped malformed session event");
            return null;
        }
    }
}
