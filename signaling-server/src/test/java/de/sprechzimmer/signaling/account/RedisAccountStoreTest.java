package de.sprechzimmer.signaling.account;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.redis.RedisFixture;

class RedisAccountStoreTest extends AccountStoreContract {
    @Override
    AccountStore create(ManualClock clock) {
        return new RedisAccountStore(RedisFixture.fresh().strings().sync(), clock);
    }
}
