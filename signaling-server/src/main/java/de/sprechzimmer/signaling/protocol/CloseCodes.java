package de.sprechzimmer.signaling.protocol;

/** WebSocket close codes of the protocol (docs/signaling-protocol.md, "Close codes"). */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int TOO_LARGE = 1009;
    public static final int NOT_AUTHENTICATED = 4401;
    public static final int REVOKED = 4403;
    public static final int REPLACED = 4409;

    private CloseCodes() {
    }
}
