package de.sprechzimmer.common.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What services learn about consultation sessions from the signaling server. Carries ids only (random,
 * not personal data), never names or codes.
 */
public sealed interface SessionEvent {

    String sessionId();

    Instant at();

    /** A session began (the doctor admitted the first patient). */
    record Started(String sessionId, Instant at) implements SessionEvent {
        public Started {
            Objects.requireNonNull(sessionId);
            Objects.requireNonNull(at);
        }
    }

    /** A session is over: everything tied to it (whiteboard files, guest tokens) must go. */
    record Ended(String sessionId, Instant at) implements SessionEvent {
        public Ended {
            Objects.requireNonNull(sessionId);
            Objects.requireNonNull(at);
        }
    }

    /** A participant lost access (left, was removed, guest token revoked): its tickets must stop working. */
    record ParticipantRevoked(String sessionId, String participantId, Instant at) implements SessionEvent {
        public ParticipantRevoked {
            Objects.requireNonNull(sessionId);
            Objects.requireNonNull(participantId);
            Objects.requireNonNull(at);
        }
    }
}
