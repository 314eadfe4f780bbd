package de.sprechzimmer.signaling.http;

import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.account.Practice;
import de.sprechzimmer.signaling.account.Role;
import de.sprechzimmer.signaling.room.AccessCode;
import de.sprechzimmer.signaling.room.Room;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of docs/api.md. */
final class Views {

    private Views() {
    }

    record AccountView(String id, String login, String displayName, String practiceId, String practiceName,
                       List<String> roles) {
        static AccountView of(Account a, Practice p) {
            return new AccountView(a.id().value(), a.login(), a.displayName(), a.practiceId().value(), p.name(),
                    a.roles().stream().sorted().map(Role::wire).toList());
        }
    }

    record RoomView(String id, String name, String waitingText, Instant createdAt) {
        static RoomView of(Room r) {
            return new RoomView(r.id().value(), r.name(), r.waitingText(), r.createdAt());
        }
    }

    record CodeView(String id, String roomId, String code, String patientName, Instant validFrom, Instant validUntil,
                    Instant createdAt, String link) {
        static CodeView of(AccessCode c, String baseUrl) {
            String shown = AccessCodes.display(c.code());
            return new CodeView(c.id().value(), c.roomId().value(), shown, c.patientName(), c.validFrom(),
                    c.validUntil(), c.createdAt(), baseUrl + "/#" + shown);
        }
    }

    record LoginRequest(String login, String password) {
    }

    record LoginReply(String token, Instant expiresAt, AccountView account) {
    }

    record NewAccount(String login, String password, String displayName, List<String> roles) {
    }

    record RoomRequest(String name, String waitingText) {
    }

    record CodeRequest(String patientName, Instant validFrom, Instant validUntil) {
    }

    record RedeemRequest(String code, String name, Boolean consent) {
    }

    record GuestRoom(String name, String waitingText, String practiceName) {
    }

    record RedeemReply(String guestToken, Instant expiresAt, GuestRoom room) {
    }

    record GuestMe(String name, GuestRoom room, boolean admitted) {
    }

    record TicketReply(String ticket, Instant expiresAt) {
    }
}
