package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.redis.RedisFixture;

class RedisSessionStoreTest extends SessionStoreContract {
    @Override
    SessionStore create() {
        return new RedisSessionStore(RedisFixture.fresh().strings().sync());
    }
}
