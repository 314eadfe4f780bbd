package de.sprechzimmer.signaling.session;

class InMemoryParticipantStoreTest extends ParticipantStoreContract {
    @Override
    ParticipantStore create() {
        return new InMemoryParticipantStore();
    }
}
