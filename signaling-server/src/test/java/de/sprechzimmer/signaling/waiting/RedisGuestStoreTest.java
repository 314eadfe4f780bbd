package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.redis.RedisFixture;

class RedisGuestStoreTest extends GuestStoreContract {
    @Override
    GuestStore create(ManualClock clock) {
        return new RedisGuestStore(RedisFixture.fresh().strings().sync(), clock);
    }
}
