package de.sprechzimmer.signaling.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket on an injected clock: holds at most {@code capacity} tokens, refills {@code perSecond}
 * tokens a second, each accepted event takes one. Thread-safe.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double capacity, double perSecond, Clock clock) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("capacity >= 1 and a positive rate required");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.clock = clock;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until the next token; zero when one is there. */
    public synchronized Duration retryAfter() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    /** Full again (nothing taken since long enough) - the bucket may be forgotten. */
    public synchronized boolean full() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = nanos();
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            lastNanos = now;
        }
    }

    private long nanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
