package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.room.Room;
import de.sprechzimmer.signaling.room.Rooms;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Guests waiting in a doctor's rooms: who joins, who is taken off, and the list the doctor sees. */
public final class WaitingList {

    private final GuestStore guests;
    private final Rooms rooms;
    private final Clock clock;

    public WaitingList(GuestStore guests, Rooms rooms, Clock clock) {
        this.guests = guests;
        this.rooms = rooms;
        this.clock = clock;
    }

    /** Puts the guest on its doctor's list, at the place it had before if it left and came back. */
    public void join(Guest guest) {
        Instant since = guest.waitingSince();
        if (since == null) {
            since = clock.instant();
            guests.put(guest.waitingSince(since));
        }
        guests.enqueue(guest.doctor(), guest.id(), since);
    }

    /** Takes the guest off the doctor's list; the guest when this caller removed it, empty if it was not waiting. */
    public Optional<Guest> take(AccountId doctor, ParticipantId guestId) {
        Optional<Guest> g = guests.byId(guestId, clock.instant()).filter(x -> x.doctor().equals(doctor));
        if (g.isEmpty() || !guests.dequeue(doctor, guestId)) {
            return Optional.empty();
        }
        return g;
    }

    public boolean leave(Guest guest) {
        return guests.dequeue(guest.doctor(), guest.id());
    }

    /** The {@code waiting} message for the doctor. */
    public ServerMessage.Waiting entries(AccountId doctor) {
        List<ServerMessage.WaitingEntry> out = new ArrayList<>();
        for (GuestStore.Waiting w : guests.waiting(doctor)) {
            Optional<Guest> g = guests.byId(w.guest(), clock.instant());
            if (g.isEmpty()) {
                guests.dequeue(doctor, w.guest());
                continue;
            }
            Optional<Room> room = rooms.room(g.get().room());
            out.add(new ServerMessage.WaitingEntry(w.guest().value(), g.get().room().value(),
                    room.map(Room::name).orElse(""), g.get().name(), w.since()));
        }
        return new ServerMessage.Waiting(out);
    }
}
