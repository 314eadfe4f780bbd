package de.sprechzimmer.whiteboard.board;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The service's meters. Tags are outcomes and reasons only; never ids, names or sizes of a person's file. */
public final class WhiteboardMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary uploadBytes;
    private final Timer sessionDeletion;

    public WhiteboardMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.uploadBytes = DistributionSummary.builder("whiteboard.upload.size").baseUnit("bytes")
                .description("Sizes of stored whiteboard files").register(registry);
        this.sessionDeletion = Timer.builder("whiteboard.session.deletion")
                .description("Time to delete everything of a session from the store").register(registry);
    }

    void upload(String result) {
        counter("whiteboard.uploads", "result", result).increment();
    }

    void uploaded(long bytes) {
        uploadBytes.record(bytes);
    }

    void download(String result) {
        counter("whiteboard.downloads", "result", result).increment();
    }

    void sessionDeleted(String reason, Duration took) {
        counter("whiteboard.sessions.deleted", "reason", reason).increment();
        sessionDeletion.record(took);
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value).register(registry);
    }
}
