package de.sprechzimmer.whiteboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.whiteboard.ids.SessionId;

class InMemoryWhiteboardStoreTest extends WhiteboardStoreContract {

    @Override
    WhiteboardStore newStore() {
        return new InMemoryWhiteboardStore();
    }

    @Override
    void assertNothingHeldOf(SessionId session) {
        assertThat(((InMemoryWhiteboardStore) store).sessionsHeld()).doesNotContain(session);
    }
}
