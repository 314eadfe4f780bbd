package de.sprechzimmer.turn.allocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay port range (coturn's min-port/max-port): which ports this relay has handed out, and the ports held
 * back by EVEN-PORT with the R bit (RFC 8656 §7.2 step 7, §14.6) under a RESERVATION-TOKEN for 30 s. A port
 * in use by another process shows up as a failed bind, and the caller asks again. Thread-safe.
 */
public final class RelayPorts {

    /** RFC 8656 §7.2: a reservation lasts about 30 seconds. */
    static final Duration RESERVATION = Duration.ofSeconds(30);

    private final int min;
    private final int max;
    private final Clock clock;
    private final BitSet used = new BitSet();
    private final Map<Long, Reservation> reservations = new HashMap<>();

    public RelayPorts(int min, int max, Clock clock) {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("relay port range must be within 1-65535 and min <= max");
        }
        this.min = min;
        this.max = max;
        this.clock = clock;
    }

    /** A free port from a random point in the range, or empty when all are taken (508). */
    public synchronized OptionalInt acquire(boolean even) {
        expireReservations();
        int size = max - min + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = min + (start + i) % size;
            if (!used.get(port) && (!even || port % 2 == 0)) {
                used.set(port);
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** An even port whose successor is free too; the successor is held for a token. Empty when none (508). */
    public synchronized OptionalInt acquireEvenWithReservation(long token) {
        expireReservations();
        int size = max - min + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = min + (start + i) % size;
            if (port % 2 == 0 && port + 1 <= max && !used.get(port) && !used.get(port + 1)) {
                used.set(port);
                used.set(port + 1);
                reservations.put(token, new Reservation(port + 1, clock.instant().plus(RESERVATION)));
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** The port held for {@code token}, now handed to the caller; empty when unknown or lapsed (508). */
    public synchronized OptionalInt claim(long token) {
        expireReservations();
        Reservation r = reservations.remove(token);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r.port);
    }

    public synchronized void release(int port) {
        used.clear(port);
    }

    public synchronized int inUse() {
        return used.cardinality();
    }

    private void expireReservations() {
        Instant now = clock.instant();
        for (Iterator<Reservation> it = reservations.values().iterator(); it.hasNext(); ) {
            Reservation r = it.next();
            if (!r.expires.isAfter(now)) {
                used.clear(r.port);
                it.remove();
            }
        }
    }

    private record Reservation(int port, Instant expires) {
    }
}
