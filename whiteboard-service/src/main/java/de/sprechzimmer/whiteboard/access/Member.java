package de.sprechzimmer.whiteboard.access;

import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.util.Objects;

/** A caller proven to be participant {@code participant} of {@code session} by a valid, unrevoked ticket. */
public record Member(SessionId session, ParticipantId participant, String role) {

    public static final String DOCTOR = "doctor";

    public Member {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(role, "role");
    }

    public boolean isDoctor() {
        return DOCTOR.equals(role);
    }
}
