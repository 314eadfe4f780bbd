package de.sprechzimmer.app;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.signaling.SignalingSettings;
import de.sprechzimmer.stats.StatsSettings;
import de.sprechzimmer.turn.TurnSettings;
import de.sprechzimmer.whiteboard.WhiteboardSettings;
import java.util.ArrayList;
import java.util.List;

/** Every setting of the embedded app: its own, the shared ones, and each service's, in README order. */
final class AppSettings {

    static final Setting<Integer> WORKER_THREADS = Setting.integer("worker-threads", 8,
            "Threads of the bounded pool for blocking work (password hashing, file crypto)");
    static final Setting<Integer> WORKER_QUEUE = Setting.integer("worker-queue", 1000,
            "Tasks the worker pool queues before answering 503 `overloaded`");
    static final Setting<Boolean> TURN_ENABLED = Setting.bool("turn-enabled", true,
            "Start the embedded TURN relay; turn it off when a standalone relay or coturn serves `turn-urls`");

    private AppSettings() {
    }

    static List<Setting<?>> all() {
        // A set: services list the shared settings they read (e.g. turn-secret) too; each appears once.
        java.util.Set<Setting<?>> all = new java.util.LinkedHashSet<>();
        all.addAll(SignalingSettings.all());
        all.addAll(CommonSettings.all());
        all.addAll(List.of(WORKER_THREADS, WORKER_QUEUE, TURN_ENABLED));
        all.addAll(TurnSettings.all());
        all.addAll(WhiteboardSettings.all());
        all.addAll(StatsSettings.all());
        return new ArrayList<>(all);
    }
}
