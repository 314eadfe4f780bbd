package de.sprechzimmer.signaling.room;

import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.CodeId;
import de.sprechzimmer.signaling.ids.RoomId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access code for one patient and one waiting room. The doctor sees and copies the code, so it is kept as
 * is (canonical form); it is valid from {@code validFrom} until {@code validUntil}, at most 30 days.
 */
public record AccessCode(CodeId id, RoomId roomId, AccountId owner, String code, String patientName,
                         Instant validFrom, Instant validUntil, Instant createdAt) {

    public static final Duration MAX_VALIDITY = Duration.ofDays(30);
    public static final int MAX_NAME = 100;

    public AccessCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(createdAt, "createdAt");
        if (code == null || AccessCodes.normalize(code).filter(code::equals).isEmpty()) {
            throw new IllegalArgumentException("code must be canonical");
        }
        if (patientName == null || patientName.isBlank() || patientName.length() > MAX_NAME) {
            throw new IllegalArgumentException("patientName: 1-" + MAX_NAME + " characters");
        }
        if (!validUntil.isAfter(validFrom) || Duration.between(validFrom, validUntil).compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity: validUntil after validFrom, at most 30 days");
        }
    }

    public boolean expiredAt(Instant now) {
        return !validUntil.isAfter(now);
    }

    public boolean notYetValidAt(Instant now) {
        return now.isBefore(validFrom);
    }
}
