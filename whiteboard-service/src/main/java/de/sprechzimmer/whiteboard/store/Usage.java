package de.sprechzimmer.whiteboard.store;

/** What one session holds now: number of files and their original bytes. */
public record Usage(int files, long bytes) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("usage must not be negative");
        }
    }
}
