package de.sprechzimmer.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RoomStore} must do; run on memory and on a real Redis. */
abstract class RoomStoreContract {

    final ManualClock clock = new ManualClock();
    final AccountId owner = AccountId.random();
    RoomStore store;

    abstract RoomStore create(ManualClock clock);

    @BeforeEach
    void setUp() {
        store = create(clock);
    }

    Room room(String name) {
        Room r = new Room(RoomId.random(), owner, name, "Bitte warten", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        return r;
    }

    AccessCode code(Room r, String value) {
        AccessCode c = new AccessCode(CodeId.random(), r.id(), owner, value, "Erika", clock.instant(),
                clock.instant().plus(Duration.ofDays(1)), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        return c;
    }

    @Test
    void roomsBelongToTheirOwnerOldestFirst() {
        Room a = room("A");
        Room b = room("B");
        store.putRoom(b);
        store.putRoom(a);
        store.putRoom(new Room(RoomId.random(), AccountId.random(), "other", "", clock.instant()));
        assertThat(store.rooms(owner)).containsExactly(a, b);
        Room renamed = new Room(a.id(), owner, "A2", "neu", a.createdAt());
        store.putRoom(renamed);
        assertThat(store.room(a.id())).contains(renamed);
    }

    @Test
    void codeValuesAreUniqueAndFoundByValue() {
        Room r = room("A");
        store.putRoom(r);
        String value = new AccessCodes().generate();
        AccessCode c = code(r, value);
        assertThat(store.putCode(c)).isTrue();
        assertThat(store.putCode(code(r, value))).isFalse();
        assertThat(store.codeByValue(value)).contains(c);
        assertThat(store.code(c.id())).contains(c);
        assertThat(store.codes(r.id())).containsExactly(c);
    }

    @Test
    void deletingACodeOrItsRoomMakesItUnredeemable() {
        Room r = room("A");
        store.putRoom(r);
        AccessCode one = code(r, new AccessCodes().generate());
        AccessCode two = code(r, new AccessCodes().generate());
        store.putCode(one);
        store.putCode(two);
        store.deleteCode(one.id());
        assertThat(store.codeByValue(one.code())).isEmpty();
        assertThat(store.codes(r.id())).containsExactly(two);
        store.deleteRoom(r.id());
        assertThat(store.room(r.id())).isEmpty();
        assertThat(store.codeByValue(two.code())).isEmpty();
        assertThat(store.rooms(owner)).isEmpty();
    }
}
