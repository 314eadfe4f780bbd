package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Instant;
import java.util.Objects;

/** A practice (organisation); every account belongs to one. */
public record Practice(PracticeId id, String name, Instant createdAt) {

    public Practice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new IllegalArgumentException("practice name must be 1-120 characters");
        }
    }
}
