package de.sprechzimmer.whiteboard.board;

import de.sprechzimmer.whiteboard.store.Usage;
import java.util.List;

/** The answer to "what is on the whiteboard": files oldest first, the limits, and what is used of them. */
public record Listing(List<FileInfo> files, Limits limits, Usage used) {

    public Listing {
        files = List.copyOf(files);
    }
}
