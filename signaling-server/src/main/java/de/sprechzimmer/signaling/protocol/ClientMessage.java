package de.sprechzimmer.signaling.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The {@code data} of each client message type; every record checks its shape in its constructor. */
public sealed interface ClientMessage {

    /** Largest {@code signal.payload} (serialised) the server relays; SDP of a 3-party mesh fits easily. */
    int MAX_SIGNAL_PAYLOAD_CHARS = 48 * 1024;
    int MAX_TOKEN_LENGTH = 512;

    /** First message: a bearer/guest token, or a resume token plus the last seq the client processed. */
    record Hello(String token, String resume, Long lastSeq) implements ClientMessage {
        public Hello {
            if ((token == null) == (resume == null)) {
                throw new IllegalArgumentException("exactly one of data.token and data.resume is required");
            }
            requireLength("data.token", token, MAX_TOKEN_LENGTH);
            requireLength("data.resume", resume, MAX_TOKEN_LENGTH);
            if (lastSeq != null && lastSeq < 0) {
                throw new IllegalArgumentException("data.lastSeq must not be negative");
            }
        }
    }

    record Pong(long t) implements ClientMessage {
    }

    record Admit(String guestId, String sessionId) implements ClientMessage {
        public Admit {
            requireId("data.guestId", guestId);
            if (sessionId != null) {
                requireId("data.sessionId", sessionId);
            }
        }
    }

    record Decline(String guestId) implements ClientMessage {
        public Decline {
            requireId("data.guestId", guestId);
        }
    }

    record EndSession(String sessionId) implements ClientMessage {
        public EndSession {
            requireId("data.sessionId", sessionId);
        }
    }

    /** {@code payload} is relayed verbatim and never logged or stored (it holds SDP with addresses). */
    record Signal(String sessionId, String to, JsonNode payload) implements ClientMessage {
        public Signal {
            requireId("data.sessionId", sessionId);
            requireId("data.to", to);
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("data.payload must be an object");
            }
            if (!payload.has("description") && !payload.has("candidate")) {
                throw new IllegalArgumentException("data.payload needs description or candidate");
            }
            if (payload.toString().length() > MAX_SIGNAL_PAYLOAD_CHARS) {
                throw new IllegalArgumentException("data.payload larger than " + MAX_SIGNAL_PAYLOAD_CHARS + " characters");
            }
        }
    }

    /** Without {@code sessionId}: a waiting guest leaves the waiting list (docs/signaling-protocol.md). */
    record Leave(String sessionId) implements ClientMessage {
        public Leave {
            if (sessionId != null) {
                requireId("data.sessionId", sessionId);
            }
        }
    }

    /** A member used a feature of the consultation (its name only, never content). */
    record FeatureUsed(String sessionId, String feature) implements ClientMessage {
        public FeatureUsed {
            requireId("data.sessionId", sessionId);
            if (feature == null || Feature.of(feature).isEmpty()) {
                throw new IllegalArgumentException("data.feature must be one of whiteboard, chat, screen-sharing, screenshot");
            }
        }

        public Feature asFeature() {
            return Feature.of(feature).orElseThrow();
        }
    }

    /** Connection metadata; its fields are checked by {@code TelemetryFields} before they reach statistics. */
    record Telemetry(JsonNode fields) implements ClientMessage {
        public Telemetry {
            Objects.requireNonNull(fields, "fields");
            if (!fields.isObject()) {
                throw new IllegalArgumentException("data must be an object");
            }
            JsonNode sid = fields.get("sessionId");
            if (sid == null || !sid.isTextual()) {
                throw new IllegalArgumentException("data.sessionId is required");
            }
            requireId("data.sessionId", sid.asText());
        }

        public String sessionId() {
            return fields.get("sessionId").asText();
        }
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException(field + " is required (1-64 characters)");
        }
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw new IllegalArgumentException(field + " must be 1-" + max + " characters");
        }
    }
}
