package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.redis.RedisFixture;

class RedisParticipantStoreTest extends ParticipantStoreContract {
    @Override
    ParticipantStore create() {
        return new RedisParticipantStore(RedisFixture.fresh().strings().sync());
    }
}
