package de.sprechzimmer.signaling.room;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default. */
public final class InMemoryRoomStore implements RoomStore {

    private final Map<RoomId, Room> rooms = new ConcurrentHashMap<>();
    private final Map<CodeId, AccessCode> codes = new ConcurrentHashMap<>();
    private final Map<String, CodeId> byValue = new ConcurrentHashMap<>();

    @Override
    public void putRoom(Room room) {
        rooms.put(room.id(), room);
    }

    @Override
    public Optional<Room> room(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    @Override
    public List<Room> rooms(AccountId owner) {
        return rooms.values().stream().filter(r -> r.owner().equals(owner))
                .sorted(Comparator.comparing(Room::createdAt).thenComparing(r -> r.id().value())).toList();
    }

    @Override
    public void deleteRoom(RoomId id) {
        rooms.remove(id);
        codes(id).forEach(c -> deleteCode(c.id()));
    }

    @Override
    public boolean putCode(AccessCode code) {
        if (byValue.putIfAbsent(code.code(), code.id()) != null) {
            return false;
        }
        codes.put(code.id(), code);
        return true;
    }

    @Override
    public Optional<AccessCode> code(CodeId id) {
        return Optional.ofNullable(codes.get(id));
    }

    @Override
    public Optional<AccessCode> codeByValue(String canonical) {
        CodeId id = byValue.get(canonical);
        return id == null ? Optional.empty() : code(id);
    }

    @Override
    public List<AccessCode> codes(RoomId room) {
        return codes.values().stream().filter(c -> c.roomId().equals(room))
                .sorted(Comparator.comparing(AccessCode::createdAt).thenComparing(c -> c.id().value())).toList();
    }

    @Override
    public void deleteCode(CodeId id) {
        AccessCode c = codes.remove(id);
        if (c != null) {
            byValue.remove(c.code(), id);
        }
    }

    @Override
    public void purgeExpired(Instant now) {
        codes.values().stream().filter(c -> c.expiredAt(now)).toList().forEach(c -> deleteCode(c.id()));
    }
}
