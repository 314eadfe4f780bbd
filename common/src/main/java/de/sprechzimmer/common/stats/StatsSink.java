package de.sprechzimmer.common.stats;

/**
 * "Record this event": how signaling (and anything else) hands statistics to the stats collector without
 * importing it. Must not block the caller; a full or failing sink drops and counts, it never throws.
 */
@FunctionalInterface
public interface StatsSink {

    void record(StatsEvent event);

    /** A sink that discards everything, for services run without statistics. */
    StatsSink NONE = event -> { };
}
