package de.sprechzimmer.signaling.room;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Instant;
import java.util.Objects;

/** A waiting room of one account: its name and the text shown to waiting patients. */
public record Room(RoomId id, AccountId owner, String name, String waitingText, Instant createdAt) {

    public static final int MAX_NAME = 80;
    public static final int MAX_TEXT = 2000;

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name: 1-" + MAX_NAME + " characters");
        }
        waitingText = waitingText == null ? "" : waitingText;
        if (waitingText.length() > MAX_TEXT) {
            throw new IllegalArgumentException("waitingText: at most " + MAX_TEXT + " characters");
        }
    }
}
