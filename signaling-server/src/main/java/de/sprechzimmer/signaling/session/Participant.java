package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * One side of the signaling protocol from {@code welcome} until it is gone: a doctor's tab or a guest.
 *
 * @param account        the doctor's account (for a guest: the doctor whose waiting room it is)
 * @param host           the host name the client reached us by (for ICE server URLs), may be null
 * @param connection     id of the socket that holds the participant now (or held it last)
 * @param resumeHash     hash of the current resume token
 * @param resumeDeadline null while connected; after a drop, until when {@code hello.resume} is accepted
 * @param session        the session it is a member of, if any
 */
public record Participant(ParticipantId id, Role role, AccountId account, PracticeId practice, String name,
                          String host, String connection, String resumeHash, Instant resumeDeadline, SessionId session) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(resumeHash, "resumeHash");
    }

    public boolean connected() {
        return resumeDeadline == null;
    }

    public Participant connectedOn(String newHost, String newConnection, String newResumeHash) {
        return new Participant(id, role, account, practice, name, newHost, newConnection, newResumeHash, null, session);
    }

    public Participant droppedUntil(Instant deadline) {
        return new Participant(id, role, account, practice, name, host, connection, resumeHash, deadline, session);
    }

    public Participant inSession(SessionId s) {
        return new Participant(id, role, account, practice, name, host, connection, resumeHash, resumeDeadline, s);
    }
}
