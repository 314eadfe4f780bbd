package de.sprechzimmer.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.Refused;
import de.sprechzimmer.signaling.ids.AccountId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoomsTest {

    final ManualClock clock = new ManualClock();
    final Rooms rooms = new Rooms(new InMemoryRoomStore(), new AccessCodes(), clock);
    final AccountId owner = AccountId.random();

    static String refusal(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Refused e) {
            return e.refusal().code();
        }
    }

    @Test
    void codesAreValidForAtMostThirtyDays() {
        Room room = rooms.create(owner, "Sprechstunde", "");
        var now = clock.instant();
        assertThat(rooms.createCode(owner, room.id().value(), "Erika", now, now.plus(Duration.ofDays(30))).validUntil())
                .isEqualTo(now.plus(Duration.ofDays(30)));
        assertThat(refusal(() -> rooms.createCode(owner, room.id().value(), "Erika", now, now.plus(Duration.ofDays(30)).plusSeconds(1))))
                .isEqualTo("invalid_validity");
        assertThat(refusal(() -> rooms.createCode(owner, room.id().value(), "Erika", now, now))).isEqualTo("invalid_validity");
        AccessCode d = rooms.createCode(owner, room.id().value(), "Erika", null, null);
        assertThat(d.validUntil()).isEqualTo(now.plus(Duration.ofHours(24)));
    }

    @Test
    void aCodeIsRedeemableOnlyInsideItsWindow() {
        Room room = rooms.create(owner, "Sprechstunde", "");
        var now = clock.instant();
        AccessCode c = rooms.createCode(owner, room.id().value(), "Erika", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
        String typed = AccessCodes.display(c.code()).toLowerCase();
        assertThat(refusal(() -> rooms.redeemable(typed))).isEqualTo("code_not_yet_valid");
        clock.advance(Duration.ofHours(1));
        assertThat(rooms.redeemable(typed)).isEqualTo(c);
        clock.advance(Duration.ofHours(1));
        assertThat(refusal(() -> rooms.redeemable(typed))).isEqualTo("code_expired");
        assertThat(refusal(() -> rooms.redeemable("K7QM-4XRT-9HW0"))).isEqualTo("invalid_code");
        assertThat(refusal(() -> rooms.redeemable(AccessCodes.display(new AccessCodes().generate())))).isEqualTo("invalid_code");
        rooms.purgeExpired();
        assertThat(rooms.codes(owner, room.id().value())).isEmpty();
    }

    @Test
    void anotherAccountCannotTouchTheRoomOrItsCodes() {
        Room room = rooms.create(owner, "Sprechstunde", "");
        AccessCode c = rooms.createCode(owner, room.id().value(), "Erika", null, null);
        AccountId stranger = AccountId.random();
        assertThat(refusal(() -> rooms.codes(stranger, room.id().value()))).isEqualTo("not_found");
        assertThat(refusal(() -> rooms.deleteCode(stranger, c.id().value()))).isEqualTo("not_found");
        assertThat(refusal(() -> rooms.update(stranger, room.id().value(), "x", null))).isEqualTo("not_found");
        assertThatThrownBy(() -> rooms.create(owner, "", "")).isInstanceOf(Refused.class);
    }
}
