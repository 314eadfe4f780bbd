package de.sprechzimmer.bench.signaling;

import java.util.Arrays;

/** Relay latencies in microseconds; a bounded sample store with percentiles. Thread-safe. */
final class Latencies {

    private final long[] samples;
    private int count;
    private long total;

    Latencies(int capacity) {
        this.samples = new long[capacity];
    }

    synchronized void record(long micros) {
        total++;
        if (count < samples.length) {
            samples[count++] = micros;
        } else {
            // reservoir sampling keeps a uniform sample once full
            long i = java.util.concurrent.ThreadLocalRandom.current().nextLong(total);
            if (i < samples.length) {
                samples[(int) i] = micros;
            }
        }
    }

    synchronized long total() {
        return total;
    }

    synchronized void reset() {
        count = 0;
        total = 0;
    }

    /** {@code p} in [0,100]; microseconds. */
    synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(samples, count);
        Arrays.sort(copy);
        int idx = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
        return copy[Math.max(0, idx)];
    }
}
