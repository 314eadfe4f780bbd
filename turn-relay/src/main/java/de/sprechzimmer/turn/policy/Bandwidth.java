package de.sprechzimmer.turn.policy;

import java.time.Clock;

/**
 * A token bucket in bytes per second for one direction of one allocation (coturn's max-bps). Holds one second
 * of burst. Confined to the allocation's event loop, like the allocation itself.
 */
public final class Bandwidth {

    private final long bytesPerSecond;
    private final Clock clock;
    private long tokens;
    private long lastMillis;

    /** {@code bytesPerSecond == 0} means unlimited. */
    public Bandwidth(long bytesPerSecond, Clock clock) {
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.tokens = bytesPerSecond;
        this.lastMillis = clock.millis();
    }

    /** Takes {@code bytes} from the bucket; false when the packet must be dropped. */
    public boolean tryConsume(int bytes) {
        if (bytesPerSecond == 0) {
            return true;
        }
        long now = clock.millis();
        long elapsed = now - lastMillis;
        if (elapsed > 0) {
            tokens = Math.min(bytesPerSecond, tokens + elapsed * bytesPerSecond / 1000);
            lastMillis = now;
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
