package de.sprechzimmer.common.session;

import java.util.function.Consumer;

/**
 * The bus between signaling (publisher) and the services that follow sessions (whiteboard, statistics).
 * Embedded: {@link InMemorySessionEvents}; distributed: {@link RedisSessionEvents} (pub/sub). Delivery is
 * at most once: a subscriber that must not miss an end also keeps a hard expiry as safety net.
 */
public interface SessionEvents {

    void publish(SessionEvent event);

    /** Registers a listener; returns a handle that removes it. Listeners must not block. */
    AutoCloseable subscribe(Consumer<SessionEvent> listener);
}
