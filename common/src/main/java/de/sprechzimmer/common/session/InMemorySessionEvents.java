package de.sprechzimmer.common.session;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process bus of the embedded default: listeners run synchronously on the publisher's thread. */
public final class InMemorySessionEvents implements SessionEvents {

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySessionEvents.class);

    private final CopyOnWriteArrayList<Consumer<SessionEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SessionEvent event) {
        for (Consumer<SessionEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.error("session event listener failed for {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<SessionEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
