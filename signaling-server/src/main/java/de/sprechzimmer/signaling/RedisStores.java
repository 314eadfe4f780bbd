package de.sprechzimmer.signaling;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.account.RedisAccountStore;
import de.sprechzimmer.signaling.cluster.RedisDelivery;
import de.sprechzimmer.signaling.room.RedisRoomStore;
import de.sprechzimmer.signaling.session.RedisParticipantStore;
import de.sprechzimmer.signaling.session.RedisSessionStore;
import de.sprechzimmer.signaling.waiting.RedisGuestStore;

/** The distributed stores, all in one Redis; each node gets a random node id for its delivery channel. */
final class RedisStores {

    private RedisStores() {
    }

    static Stores create(RedisConnections redis, Scheduler scheduler) {
        var sync = redis.strings().sync();
        var clock = scheduler.clock();
        return new Stores(new RedisAccountStore(sync, clock), new RedisRoomStore(sync, clock),
                new RedisGuestStore(sync, clock), new RedisSessionStore(sync), new RedisParticipantStore(sync),
                new RedisDelivery(redis, "n" + Tokens.randomBytes(9)), true);
    }
}
