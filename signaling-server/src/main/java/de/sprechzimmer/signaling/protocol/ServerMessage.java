package de.sprechzimmer.signaling.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code data} of each server message type, with the wire name of its type. */
public sealed interface ServerMessage {

    /** The {@code type} this data travels under. */
    String type();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Welcome(String role, String participantId, String resumeToken, boolean resumed, long heartbeatMs,
                   long resumeWindowMs, List<String> features) implements ServerMessage {
        @Override
        public String type() {
            return "welcome";
        }
    }

    record WaitingEntry(String guestId, String roomId, String roomName, String name, Instant since) {
    }

    record Waiting(List<WaitingEntry> entries) implements ServerMessage {
        public Waiting {
            entries = List.copyOf(entries);
        }

        @Override
        public String type() {
            return "waiting";
        }
    }

    record RoomInfo(String name, String waitingText, String practiceName) {
    }

    record WaitingRoom(RoomInfo room) implements ServerMessage {
        @Override
        public String type() {
            return "waiting-room";
        }
    }

    record Declined() implements ServerMessage {
        @Override
        public String type() {
            return "declined";
        }
    }

    record Peer(String participantId, String role, String name, boolean polite) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IceServer(List<String> urls, String username, String credential) {
    }

    record Session(String sessionId, String selfId, List<Peer> peers, List<IceServer> iceServers,
                   String iceTransportPolicy, Map<String, String> tickets) implements ServerMessage {
        @Override
        public String type() {
            return "session";
        }
    }

    record PeerJoined(String participantId, String role, String name, boolean polite) implements ServerMessage {
        @Override
        public String type() {
            return "peer-joined";
        }
    }

    record PeerLeft(String participantId) implements ServerMessage {
        @Override
        public String type() {
            return "peer-left";
        }
    }

    /** A relayed signal; {@code payload} passes through untouched. */
    record Signal(String sessionId, String from, JsonNode payload) implements ServerMessage {
        public Signal {
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String type() {
            return "signal";
        }
    }

    record SessionEnded(String sessionId) implements ServerMessage {
        @Override
        public String type() {
            return "session-ended";
        }
    }

    record Ping(long t) implements ServerMessage {
        @Override
        public String type() {
            return "ping";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ok(String sessionId) implements ServerMessage {
        @Override
        public String type() {
            return "ok";
        }
    }

    record Error(String code, String message) implements ServerMessage {
        @Override
        public String type() {
            return "error";
        }
    }
}
