package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.common.testing.ManualClock;

class InMemoryGuestStoreTest extends GuestStoreContract {
    @Override
    GuestStore create(ManualClock clock) {
        return new InMemoryGuestStore();
    }
}
