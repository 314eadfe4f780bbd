package de.sprechzimmer.signaling.cluster;

/** A participant's WebSocket on this node, as delivery sees it. Both methods are safe from any thread. */
public interface Socket {

    /** Random id of this connection (not the participant): tells a replaced socket from the current one. */
    String connectionId();

    void send(String frame);

    void close(int code);

    /**
     * Starts live delivery: sends {@code replayed} (frames missed during a drop), then the frames that were
     * pushed since {@link Delivery#attach} and are newer. Until this is called a socket holds pushed frames
     * back, so a resumed client sees every frame once and in order.
     */
    void release(java.util.List<String> replayed);
}
