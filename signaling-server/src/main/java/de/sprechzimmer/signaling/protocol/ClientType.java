package de.sprechzimmer.signaling.protocol;

import java.util.Optional;

/** The message types a client may send, with the record its {@code data} decodes into. */
public enum ClientType {
    HELLO("hello", ClientMessage.Hello.class),
    PONG("pong", ClientMessage.Pong.class),
    ADMIT("admit", ClientMessage.Admit.class),
    DECLINE("decline", ClientMessage.Decline.class),
    END_SESSION("end-session", ClientMessage.EndSession.class),
    SIGNAL("signal", ClientMessage.Signal.class),
    LEAVE("leave", ClientMessage.Leave.class),
    TELEMETRY("telemetry", ClientMessage.Telemetry.class),
    FEATURE_USED("feature-used", ClientMessage.FeatureUsed.class);

    private final String wire;
    private final Class<? extends ClientMessage> dataType;

    ClientType(String wire, Class<? extends ClientMessage> dataType) {
        this.wire = wire;
        this.dataType = dataType;
    }

    public String wire() {
        return wire;
    }

    Class<? extends ClientMessage> dataType() {
        return dataType;
    }

    public static Optional<ClientType> of(String wire) {
        for (ClientType t : values()) {
            if (t.wire.equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
