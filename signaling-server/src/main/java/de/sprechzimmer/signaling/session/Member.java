package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.ParticipantId;
import java.util.Objects;

/** A member of a session as its peers see it. */
public record Member(ParticipantId id, Role role, String name) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
    }
}
