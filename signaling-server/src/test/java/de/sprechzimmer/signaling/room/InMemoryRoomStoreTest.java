package de.sprechzimmer.signaling.room;

import de.sprechzimmer.common.testing.ManualClock;

class InMemoryRoomStoreTest extends RoomStoreContract {
    @Override
    RoomStore create(ManualClock clock) {
        return new InMemoryRoomStore();
    }
}
