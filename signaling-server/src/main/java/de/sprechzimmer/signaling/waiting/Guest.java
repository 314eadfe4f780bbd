package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.RoomId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A patient who redeemed a code: the guest token (hash only), whose waiting room, and whether the doctor admitted
 * them ({@code sessionId}) or the token was revoked. The guest's participant id is its {@code id}.
 *
 * @param waitingSince when it first joined the waiting list (null before): a guest that left the list and comes
 *                     back with its token (a reloaded page) gets its old place, not the last one
 */
public record Guest(ParticipantId id, AccountId doctor, PracticeId practice, RoomId room, CodeId code, String name,
                    String tokenHash, Instant expiresAt, SessionId sessionId, boolean revoked, Instant waitingSince) {

    public static final int MAX_NAME = 100;

    public Guest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(doctor, "doctor");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: 1-" + MAX_NAME + " characters");
        }
    }

    public Guest admittedTo(SessionId session) {
        return new Guest(id, doctor, practice, room, code, name, tokenHash, expiresAt, session, revoked, waitingSince);
    }

    public Guest asRevoked() {
        return new Guest(id, doctor, practice, room, code, name, tokenHash, expiresAt, sessionId, true, waitingSince);
    }

    public Guest waitingSince(Instant since) {
        return new Guest(id, doctor, practice, room, code, name, tokenHash, expiresAt, sessionId, revoked, since);
    }
}
