package de.sprechzimmer.signaling.room;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Waiting rooms and their access codes. */
public interface RoomStore {

    void putRoom(Room room);

    Optional<Room> room(RoomId id);

    /** The account's rooms, oldest first. */
    List<Room> rooms(AccountId owner);

    /** Deletes the room and its codes. */
    void deleteRoom(RoomId id);

    /** Stores a new code unless the same code value exists; true when stored. */
    boolean putCode(AccessCode code);

    Optional<AccessCode> code(CodeId id);

    /** The code with this canonical value. */
    Optional<AccessCode> codeByValue(String canonical);

    /** The room's codes, oldest first (expired ones included until purged). */
    List<AccessCode> codes(RoomId room);

    void deleteCode(CodeId id);

    /** Drops codes that expired before {@code now}; Redis's TTLs do this by themselves. */
    default void purgeExpired(Instant now) {
    }
}
