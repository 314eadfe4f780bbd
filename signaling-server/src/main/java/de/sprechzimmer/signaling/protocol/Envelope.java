package de.sprechzimmer.signaling.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One client message as it arrived: version, type, optional request id and the still-undecoded {@code data}.
 * Valid by construction: the type is one the server knows, the id at most 64 characters.
 */
public record Envelope(ProtocolVersion version, ClientType type, String id, JsonNode data) {

    public static final int MAX_ID_LENGTH = 64;

    public Envelope {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id longer than " + MAX_ID_LENGTH);
        }
    }
}
