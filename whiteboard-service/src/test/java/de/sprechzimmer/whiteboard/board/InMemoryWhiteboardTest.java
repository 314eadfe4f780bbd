package de.sprechzimmer.whiteboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.whiteboard.access.InMemoryRevocations;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.InMemoryWhiteboardStore;
import de.sprechzimmer.whiteboard.store.StoreInspection;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import java.time.Duration;

class InMemoryWhiteboardTest extends WhiteboardContract {

    @Override
    WhiteboardStore newStore() {
        return new InMemoryWhiteboardStore();
    }

    @Override
    Revocations newRevocations() {
        return new InMemoryRevocations(clock, Duration.ofHours(24));
    }

    @Override
    void assertNothingHeldOf(SessionId session) {
        assertThat(StoreInspection.heldSessions((InMemoryWhiteboardStore) store)).doesNotContain(session);
    }
}
