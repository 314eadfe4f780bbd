package de.sprechzimmer.signaling;

import de.sprechzimmer.signaling.account.AccountStore;
import de.sprechzimmer.signaling.account.InMemoryAccountStore;
import de.sprechzimmer.signaling.cluster.Delivery;
import de.sprechzimmer.signaling.cluster.LocalDelivery;
import de.sprechzimmer.signaling.room.InMemoryRoomStore;
import de.sprechzimmer.signaling.room.RoomStore;
import de.sprechzimmer.signaling.session.InMemoryParticipantStore;
import de.sprechzimmer.signaling.session.InMemorySessionStore;
import de.sprechzimmer.signaling.session.ParticipantStore;
import de.sprechzimmer.signaling.session.SessionStore;
import de.sprechzimmer.signaling.waiting.GuestStore;
import de.sprechzimmer.signaling.waiting.InMemoryGuestStore;

/** The state of one signaling deployment: all in memory (embedded) or all in Redis (distributed). */
record Stores(AccountStore accounts, RoomStore rooms, GuestStore guests, SessionStore sessions,
              ParticipantStore participants, Delivery delivery, boolean blocking) {

    static Stores inMemory() {
        return new Stores(new InMemoryAccountStore(), new InMemoryRoomStore(), new InMemoryGuestStore(),
                new InMemorySessionStore(), new InMemoryParticipantStore(), new LocalDelivery(), false);
    }
}
