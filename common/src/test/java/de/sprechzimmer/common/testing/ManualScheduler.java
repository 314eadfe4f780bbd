package de.sprechzimmer.common.testing;

import de.sprechzimmer.common.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scheduler driven by a {@link ManualClock}: {@link #advance(Duration)} moves the clock and runs, in time
 * order, every task that has come due. Nothing runs on its own; tests never sleep.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    public ManualScheduler() {
        this(new ManualClock());
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public ManualClock manualClock() {
        return clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), null, task, sequence++);
        tasks.add(t);
        return () -> cancel(t);
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        Task t = new Task(clock.instant().plus(initialDelay), period, task, sequence++);
        tasks.add(t);
        return () -> cancel(t);
    }

    private synchronized void cancel(Task t) {
        t.cancelled = true;
        tasks.remove(t);
    }

    /** Moves the clock forward by {@code d}, running each due task at its own due time. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.due.isAfter(end))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                if (next.due.isAfter(clock.instant())) {
                    clock.set(next.due);
                }
                if (next.period != null) {
                    next.due = next.due.plus(next.period);
                    tasks.add(next);
                }
            }
            if (!next.cancelled) {
                next.action.run();
            }
        }
        clock.set(end);
    }

    /** Runs tasks already due without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public synchronized int pending() {
        return tasks.size();
    }

    private static final class Task {
        Instant due;
        final Duration period;
        final Runnable action;
        final long seq;
        volatile boolean cancelled;

        Task(Instant due, Duration period, Runnable action, long seq) {
            this.due = due;
            this.period = period;
            this.action = action;
            this.seq = seq;
        }
    }
}
