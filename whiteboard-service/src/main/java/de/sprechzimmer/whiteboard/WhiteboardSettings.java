package de.sprechzimmer.whiteboard;

import de.sprechzimmer.common.config.Setting;
import java.time.Duration;
import java.util.List;

/** The whiteboard service's settings (flag, environment variable, config-file key; STYLE.md rule 12). */
public final class WhiteboardSettings {

    private WhiteboardSettings() {
    }

    public static final Setting<String> HOST = Setting.string("whiteboard-host", "0.0.0.0",
            "Address the standalone whiteboard service listens on");
    public static final Setting<Integer> PORT = Setting.port("whiteboard-port", 8082,
            "HTTP port of the standalone whiteboard service (embedded: the app's port serves `/whiteboard/`)");
    public static final Setting<Long> MAX_FILE_SIZE = Setting.longValue("whiteboard-max-file-size", 20L * 1024 * 1024,
            "Largest whiteboard file in bytes (the original file, before the browser encrypts it)");
    public static final Setting<Long> MAX_SESSION_SIZE = Setting.longValue("whiteboard-max-session-size", 100L * 1024 * 1024,
            "Bytes all whiteboard files of one session may take together");
    public static final Setting<Integer> MAX_FILES = Setting.integer("whiteboard-max-files", 50,
            "Number of whiteboard files one session may hold at once");
    public static final Setting<Duration> TTL = Setting.duration("whiteboard-ttl", Duration.ofHours(12),
            "Hard expiry: a session's whiteboard files are deleted this long after its first upload, even if no end event arrives");
    public static final Setting<Duration> REVOCATION_TTL = Setting.duration("whiteboard-revocation-ttl", Duration.ofHours(24),
            "How long ended sessions and revoked participants are remembered; whiteboard tickets valid for longer are refused");
    public static final Setting<Duration> PURGE_INTERVAL = Setting.duration("whiteboard-purge-interval", Duration.ofSeconds(30),
            "How often the hard-expiry purge job runs");
    public static final Setting<String> KEY_SECRET = Setting.secret("whiteboard-key-secret",
            "Secret the key-encryption key for the per-session at-rest keys is derived from; required with `redis-url` (same on every whiteboard node); embedded: random per start");

    public static List<Setting<?>> all() {
        return List.of(HOST, PORT, MAX_FILE_SIZE, MAX_SESSION_SIZE, MAX_FILES, TTL, REVOCATION_TTL, PURGE_INTERVAL, KEY_SECRET);
    }
}
