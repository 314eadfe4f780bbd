package de.sprechzimmer.signaling.room;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.redis.RedisFixture;

class RedisRoomStoreTest extends RoomStoreContract {
    @Override
    RoomStore create(ManualClock clock) {
        return new RedisRoomStore(RedisFixture.fresh().strings().sync(), clock);
    }
}
