package de.sprechzimmer.signaling.ratelimit;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits attempts (code redemptions, logins) per client address and globally per server. Addresses are held only
 * in memory and only while their bucket is not full again (at most a minute or so), never stored or logged.
 */
public final class RedeemLimiter {

    private final double perAddressPerMinute;
    private final TokenBucket global;
    private final Clock clock;
    private final Map<InetAddress, TokenBucket> perAddress = new ConcurrentHashMap<>();

    /**
     * @param perAddressPerMinute attempts a minute from one address (also the burst)
     * @param globalPerSecond     attempts a second from everyone together (also the burst)
     */
    public RedeemLimiter(int perAddressPerMinute, int globalPerSecond, Clock clock) {
        this.perAddressPerMinute = perAddressPerMinute;
        this.global = new TokenBucket(globalPerSecond, globalPerSecond, clock);
        this.clock = clock;
    }

    /** Empty when allowed; otherwise how long to wait (for {@code Retry-After}). */
    public Optional<Duration> attempt(InetAddress client) {
        TokenBucket mine = perAddress.computeIfAbsent(client,
                a -> new TokenBucket(perAddressPerMinute, perAddressPerMinute / 60.0, clock));
        if (!mine.tryAcquire()) {
            return Optional.of(atLeastOneSecond(mine.retryAfter()));
        }
        if (!global.tryAcquire()) {
            return Optional.of(atLeastOneSecond(global.retryAfter()));
        }
        return Optional.empty();
    }

    /** Forgets addresses whose bucket is full again; run periodically. */
    public void sweep() {
        perAddress.values().removeIf(TokenBucket::full);
    }

    int trackedAddresses() {
        return perAddress.size();
    }

    private static Duration atLeastOneSecond(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, s));
    }
}
