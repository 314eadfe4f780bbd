package de.sprechzimmer.signaling.session;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    SessionStore create() {
        return new InMemorySessionStore();
    }
}
