package de.sprechzimmer.common.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs tasks later, on the time of {@link #clock()}. Logic that expires things reads {@link #clock()} and
 * schedules through this interface, so tests move a manual clock instead of sleeping (STYLE.md rule 4).
 */
public interface Scheduler {

    Clock clock();

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after {@code initialDelay}. */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
