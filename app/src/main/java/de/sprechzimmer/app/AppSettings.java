package de.sprechzimmer.app;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import java.util.ArrayList;
import java.util.List;

/** Every setting of the embedded app: its own, the shared ones, and each service's. */
final class AppSettings {

    static final Setting<Integer> WORKER_THREADS = Setting.integer("worker-threads", 8,
            "Threads of the bounded pool for blocking work (password hashing, crypto, exports)");
    static final Setting<Integer> WORKER_QUEUE = Setting.integer("worker-queue", 1000,
            "Waiting tasks the worker pool accepts before answering 503 overloaded");
    static final Setting<Boolean> TURN_ENABLED = Setting.bool("turn-enabled", true,
            "Start the embedded TURN relay (off when a standalone relay or coturn serves the TURN URLs)");

    private AppSettings() {
    }

    static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>();
        all.addAll(own());
        all.addAll(CommonSettings.all());
        return all;
    }

    static List<Setting<?>> own() {
        return List.of(WORKER_THREADS, WORKER_QUEUE, TURN_ENABLED);
    }
}
