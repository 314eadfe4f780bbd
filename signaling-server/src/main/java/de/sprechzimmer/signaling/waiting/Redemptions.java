package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.signaling.Refusal;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.account.Accounts;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import de.sprechzimmer.signaling.room.AccessCode;
import de.sprechzimmer.signaling.room.Room;
import de.sprechzimmer.signaling.room.Rooms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** A patient redeems an access code and a name for a guest token (docs/api.md, {@code POST /api/guest/redeem}). */
public final class Redemptions {

    private final Rooms rooms;
    private final Accounts accounts;
    private final GuestStore guests;
    private final Clock clock;
    private final Duration guestTtl;
    private final Predicate<SessionId> sessionLive;

    /** @param sessionLive whether a session still runs: a guest admitted to one that is over is done */
    public Redemptions(Rooms rooms, Accounts accounts, GuestStore guests, Clock clock, Duration guestTtl,
                       Predicate<SessionId> sessionLive) {
        this.rooms = rooms;
        this.accounts = accounts;
        this.guests = guests;
        this.clock = clock;
        this.guestTtl = guestTtl;
        this.sessionLive = sessionLive;
    }

    /** What the patient learns about where it waits. */
    public record Lobby(String roomName, String waitingText, String practiceName) {
    }

    public record Redeemed(String guestToken, Instant expiresAt, Guest guest, Lobby lobby) {
    }

    public Redeemed redeem(String code, String name, boolean consent) {
        if (!consent) {
            throw Refusal.CONSENT_REQUIRED.refuse();
        }
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > Guest.MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.INVALID_NAME.refuse();
        }
        AccessCode c = rooms.redeemable(code);
        Room room = rooms.room(c.roomId()).orElseThrow(Refusal.INVALID_CODE::refuse);
        Account doctor = accounts.byId(c.owner()).orElseThrow(Refusal.INVALID_CODE::refuse);
        Instant now = clock.instant();
        Instant expires = c.validUntil().isBefore(now.plus(guestTtl)) ? c.validUntil() : now.plus(guestTtl);
        String token = Tokens.random();
        Guest g = new Guest(ParticipantId.random(), doctor.id(), doctor.practiceId(), room.id(), c.id(), trimmed,
                Tokens.hash(token), expires, null, false, null);
        guests.put(g);
        return new Redeemed(token, expires, g, lobbyOf(g));
    }

    /**
     * The guest a token belongs to; refuses {@code unauthorized} or {@code token_revoked} (revoked, or admitted to a
     * session that is over: the same rule as the WebSocket's {@code hello}).
     */
    public Guest authenticate(Optional<String> token) {
        Guest g = token.flatMap(t -> guests.byTokenHash(Tokens.hash(t), clock.instant()))
                .orElseThrow(Refusal.UNAUTHORIZED::refuse);
        if (g.revoked() || (g.sessionId() != null && !sessionLive.test(g.sessionId()))) {
            throw Refusal.TOKEN_REVOKED.refuse();
        }
        return g;
    }

    public Lobby lobbyOf(Guest g) {
        Optional<Room> room = rooms.room(g.room());
        String practice = accounts.byId(g.doctor()).map(a -> accounts.practiceOf(a).name()).orElse("");
        return new Lobby(room.map(Room::name).orElse(""), room.map(Room::waitingText).orElse(""), practice);
    }
}
