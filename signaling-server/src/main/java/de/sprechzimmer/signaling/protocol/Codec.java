package de.sprechzimmer.signaling.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import de.sprechzimmer.common.json.Json;
import java.util.Iterator;
import java.util.Set;

/**
 * Text frames to {@link Envelope}s and {@link ClientMessage}s, and server messages to text frames.
 *
 * <p>Server events that go through a participant's mailbox are encoded in two halves: the {@linkplain #event body}
 * without {@code v} and {@code seq}, and the {@linkplain #frame frame} that stamps the sequence number in front.
 * This lets a mailbox (in memory or a Redis script) number a message without parsing it again.
 */
public final class Codec {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Set<String> ENVELOPE_FIELDS = Set.of("v", "type", "id", "data");
    private static final String FRAME_PREFIX = "{\"v\":1,\"seq\":";

    private Codec() {
    }

    /** Parses the envelope; the {@code data} stays a tree until {@link #message} knows its type. */
    public static Envelope parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "The frame is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "The frame is not a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENVELOPE_FIELDS.contains(f)) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Unknown envelope field: " + safeName(f));
            }
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isNull() && (!id.isTextual() || id.asText().length() > Envelope.MAX_ID_LENGTH)) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "id must be a string of at most 64 characters");
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "v (protocol version) is required");
        }
        ProtocolVersion version = ProtocolVersion.of(v.asInt())
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "Only protocol version 1 is supported"));
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "type is required");
        }
        ClientType t = ClientType.of(type.asText())
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type"));
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            data = JsonNodeFactory.instance.objectNode();
        } else if (!data.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "data must be an object");
        }
        return new Envelope(version, t, id == null || id.isNull() ? null : id.asText(), data);
    }

    /** The request id of a frame, if it has one, for the error reply to a frame that did not parse further. */
    public static String idOf(String text) {
        try {
            JsonNode id = MAPPER.readTree(text).get("id");
            return id != null && id.isTextual() && id.asText().length() <= Envelope.MAX_ID_LENGTH ? id.asText() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** Decodes {@code data} into the record of the envelope's type. */
    public static ClientMessage message(Envelope env) {
        try {
            if (env.type() == ClientType.TELEMETRY) {
                return new ClientMessage.Telemetry(env.data());
            }
            return MAPPER.treeToValue(env.data(), env.type().dataType());
        } catch (UnrecognizedPropertyException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Unknown field data." + safeName(e.getPropertyName()));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE,
                    cause instanceof IllegalArgumentException ? cause.getMessage() : "data has the wrong shape");
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "data has the wrong shape for " + env.type().wire());
        }
    }

    /** A reply or connection-level message (no {@code seq}): {@code ok}, {@code error}, {@code welcome}, {@code ping}. */
    public static String reply(String id, ServerMessage data) {
        StringBuilder sb = new StringBuilder(128).append("{\"v\":1,\"type\":\"").append(data.type()).append('"');
        if (id != null) {
            sb.append(",\"id\":").append(write(id));
        }
        return sb.append(",\"data\":").append(write(data)).append('}').toString();
    }

    /** The body of a mailbox message: everything after {@code {"v":1,"seq":N,}}. */
    public static String event(ServerMessage data) {
        return "\"type\":\"" + data.type() + "\",\"data\":" + write(data) + "}";
    }

    /** Stamps {@code seq} on an {@linkplain #event event body}. The Redis mailbox script does the same in Lua. */
    public static String frame(long seq, String eventBody) {
        return FRAME_PREFIX + seq + "," + eventBody;
    }

    private static final String SIGNAL_MARKER = ",\"type\":\"signal\",";

    /** Whether a {@linkplain #frame frame} is a relayed {@code signal} (SDP or an ICE candidate). */
    public static boolean isSignal(String frame) {
        int comma = frame.indexOf(',', FRAME_PREFIX.length());
        return comma > 0 && frame.startsWith(SIGNAL_MARKER, comma);
    }

    /** The {@code seq} of a {@linkplain #frame frame}. */
    public static long seqOf(String frame) {
        if (!frame.startsWith(FRAME_PREFIX)) {
            throw new IllegalArgumentException("not a sequenced frame");
        }
        int end = frame.indexOf(',', FRAME_PREFIX.length());
        return Long.parseLong(frame.substring(FRAME_PREFIX.length(), end));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Field names come from clients: cut them short and keep only harmless characters before echoing them. */
    private static String safeName(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return s.length() > 32 ? s.substring(0, 32) : s;
    }
}
