package de.sprechzimmer.common.config;

import java.util.List;

/**
 * Settings that more than one service reads. Declared once here so that a process running several services
 * (the embedded app) has one value for each.
 */
public final class CommonSettings {

    private CommonSettings() {
    }

    public static final Setting<String> REDIS_URL = Setting.string("redis-url", null,
            "Redis for shared state (`redis://host:6379`, `rediss://` for TLS, `redis-sentinel://host:26379#master`); unset: in-memory stores (embedded default)");
    public static final Setting<String> ADMIN_HOST = Setting.string("admin-host", "127.0.0.1",
            "Address of the admin listener (metrics, health); keep it private");
    public static final Setting<Integer> ADMIN_PORT = Setting.port("admin-port", 9090,
            "Port of the admin listener: `/metrics` (Prometheus), `/health/live`, `/health/ready`");
    public static final Setting<String> TURN_SECRET = Setting.secret("turn-secret",
            "Shared secret of signaling and TURN relay for time-limited TURN credentials (coturn `static-auth-secret` compatible); embedded: random per start");
    public static final Setting<String> TICKET_SECRET = Setting.secret("ticket-secret",
            "Shared secret for signed session tickets checked by the whiteboard and statistics services; embedded: random per start");
    public static final Setting<String> PSEUDONYM_SECRET = Setting.secret("pseudonym-secret",
            "Secret key of the statistics pseudonyms (keyed hash); must stay stable across restarts in distributed mode; embedded: random per start");

    public static List<Setting<?>> all() {
        return List.of(REDIS_URL, ADMIN_HOST, ADMIN_PORT, TURN_SECRET, TICKET_SECRET, PSEUDONYM_SECRET);
    }
}
