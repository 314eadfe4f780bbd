package de.sprechzimmer.signaling.room;

import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.signaling.Refusal;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.Ids;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Waiting rooms and access codes of one account; every operation checks that the caller owns the room. */
public final class Rooms {

    public static final String DEFAULT_ROOM_NAME = "Sprechstunde";
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    private final RoomStore store;
    private final AccessCodes codes;
    private final Clock clock;

    public Rooms(RoomStore store, AccessCodes codes, Clock clock) {
        this.store = store;
        this.codes = codes;
        this.clock = clock;
    }

    public List<Room> rooms(AccountId owner) {
        return store.rooms(owner);
    }

    public Room create(AccountId owner, String name, String waitingText) {
        Room r = valid(() -> new Room(RoomId.random(), owner, name == null ? null : name.trim(), waitingText, clock.instant()));
        store.putRoom(r);
        return r;
    }

    public Room update(AccountId owner, String roomId, String name, String waitingText) {
        Room old = owned(owner, roomId);
        Room r = valid(() -> new Room(old.id(), owner, name == null ? old.name() : name.trim(),
                waitingText == null ? old.waitingText() : waitingText, old.createdAt()));
        store.putRoom(r);
        return r;
    }

    public void delete(AccountId owner, String roomId) {
        store.deleteRoom(owned(owner, roomId).id());
    }

    public Room owned(AccountId owner, String roomId) {
        if (!Ids.valid(roomId)) {
            throw Refusal.NOT_FOUND.refuse();
        }
        return store.room(new RoomId(roomId)).filter(r -> r.owner().equals(owner))
                .orElseThrow(Refusal.NOT_FOUND::refuse);
    }

    public Optional<Room> room(RoomId id) {
        return store.room(id);
    }

    /** The room's codes that have not yet expired. */
    public List<AccessCode> codes(AccountId owner, String roomId) {
        Instant now = clock.instant();
        return store.codes(owned(owner, roomId).id()).stream().filter(c -> !c.expiredAt(now)).toList();
    }

    /** A new code; defaults: valid from now for 24 hours. At most 30 days, and not ending in the past. */
    public AccessCode createCode(AccountId owner, String roomId, String patientName, Instant validFrom, Instant validUntil) {
        Room room = owned(owner, roomId);
        if (patientName == null || patientName.isBlank() || patientName.length() > AccessCode.MAX_NAME) {
            throw Refusal.INVALID_REQUEST.refuse("patientName: 1-100 characters");
        }
        Instant now = clock.instant();
        Instant from = validFrom == null ? now : validFrom;
        Instant until = validUntil == null ? from.plus(DEFAULT_VALIDITY) : validUntil;
        if (!until.isAfter(from) || !until.isAfter(now)
                || Duration.between(from, until).compareTo(AccessCode.MAX_VALIDITY) > 0) {
            throw Refusal.INVALID_VALIDITY.refuse();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            AccessCode c = new AccessCode(CodeId.random(), room.id(), owner, codes.generate(), patientName.trim(),
                    from, until, now);
            if (store.putCode(c)) {
                return c;
            }
        }
        throw new IllegalStateException("no free access code after 5 attempts");
    }

    public void deleteCode(AccountId owner, String codeId) {
        if (!Ids.valid(codeId)) {
            throw Refusal.NOT_FOUND.refuse();
        }
        AccessCode c = store.code(new CodeId(codeId)).filter(x -> x.owner().equals(owner))
                .orElseThrow(Refusal.NOT_FOUND::refuse);
        store.deleteCode(c.id());
    }

    /** A redeemable code for what a patient typed: known, not deleted, inside its validity window. */
    public AccessCode redeemable(String typed) {
        String canonical = AccessCodes.normalize(typed).orElseThrow(Refusal.INVALID_CODE::refuse);
        AccessCode c = store.codeByValue(canonical).orElseThrow(Refusal.INVALID_CODE::refuse);
        Instant now = clock.instant();
        if (c.expiredAt(now)) {
            throw Refusal.CODE_EXPIRED.refuse();
        }
        if (c.notYetValidAt(now)) {
            throw Refusal.CODE_NOT_YET_VALID.refuse().with(c.validFrom());
        }
        return c;
    }

    public void purgeExpired() {
        store.purgeExpired(clock.instant());
    }

    private static <T> T valid(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw Refusal.INVALID_REQUEST.refuse(e.getMessage());
        }
    }
}
