package de.sprechzimmer.signaling;

import de.sprechzimmer.common.config.Setting;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Every setting of the signaling server (flag, environment variable, config-file key; see the README table). */
public final class SignalingSettings {

    private SignalingSettings() {
    }

    public static final Setting<String> HTTP_HOST = Setting.string("http-host", "0.0.0.0",
            "Address of the public HTTP/WebSocket listener");
    public static final Setting<Integer> HTTP_PORT = Setting.port("http-port", 8080,
            "Port of the public HTTP/WebSocket listener (web client, REST API, `/ws`)");
    public static final Setting<String> PUBLIC_URL = Setting.string("public-url", null,
            "Public base URL (`https://praxis.example`) for access-code links; unset: taken from the request's Host");
    public static final Setting<List<String>> ALLOWED_ORIGINS = Setting.of("allowed-origins", null,
            SignalingSettings::list, "Comma-separated extra origins allowed to open the WebSocket besides the page's own");
    public static final Setting<List<String>> TRUSTED_PROXIES = Setting.of("trusted-proxies", null,
            SignalingSettings::list, "Comma-separated addresses of reverse proxies whose `X-Forwarded-For` is believed");
    public static final Setting<String> BOOTSTRAP_LOGIN = Setting.string("bootstrap-login", "admin",
            "Login of the first account, created when the store has no account");
    public static final Setting<String> BOOTSTRAP_PASSWORD = Setting.secret("bootstrap-password",
            "Password of the first account; unset: a random one, printed once on the console");
    public static final Setting<Duration> SESSION_TOKEN_TTL = Setting.duration("session-token-ttl", Duration.ofHours(12),
            "Lifetime of a doctor's login (bearer) token");
    public static final Setting<Duration> GUEST_TOKEN_TTL = Setting.duration("guest-token-ttl", Duration.ofHours(12),
            "Longest lifetime of a guest token (it also ends with the access code's validity)");
    public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.duration("heartbeat-interval", Duration.ofSeconds(15),
            "WebSocket ping interval; a client silent for two intervals counts as dropped");
    public static final Setting<Duration> RESUME_WINDOW = Setting.duration("resume-window", Duration.ofSeconds(30),
            "How long a dropped participant keeps its place (waiting list, session) for a resume");
    public static final Setting<List<String>> TURN_URLS = Setting.of("turn-urls", null, SignalingSettings::list,
            "Comma-separated ICE URLs handed to clients (`stun:h:3478,turn:h:3478?transport=udp,turns:h:443?transport=tcp`); "
                    + "unset: STUN/TURN on the request's host at `ice-turn-port` (and `ice-turns-port`)");
    public static final Setting<Integer> ICE_TURN_PORT = Setting.port("ice-turn-port", 3478,
            "TURN/STUN port in derived ICE URLs (when `turn-urls` is unset); match the relay's `turn-port`");
    public static final Setting<Integer> ICE_TURNS_PORT = Setting.port("ice-turns-port", null,
            "TURN-over-TLS port in derived ICE URLs (when `turn-urls` is unset); unset: no `turns:` URL");
    public static final Setting<Duration> TURN_CREDENTIAL_TTL = Setting.duration("turn-credential-ttl", Duration.ofHours(1),
            "Validity of the TURN credentials handed out with a session");
    public static final Setting<String> ICE_TRANSPORT_POLICY = Setting.of("ice-transport-policy", "all",
            SignalingSettings::policy, "`all` (peer-to-peer when possible) or `relay` (always through TURN)");
    public static final Setting<Integer> REDEEM_RATE_PER_MINUTE = Setting.integer("redeem-rate-per-minute", 10,
            "Code redemptions (and logins) a minute from one client address");
    public static final Setting<Integer> REDEEM_RATE_GLOBAL = Setting.integer("redeem-rate-global", 100,
            "Code redemptions (and logins) a second from all clients together, per server");
    public static final Setting<String> WEB_DIR = Setting.string("web-dir", null,
            "Development only: serve the web client from this directory (edit and reload) instead of the built jar");

    public static List<Setting<?>> all() {
        return List.of(HTTP_HOST, HTTP_PORT, PUBLIC_URL, ALLOWED_ORIGINS, TRUSTED_PROXIES, BOOTSTRAP_LOGIN,
                BOOTSTRAP_PASSWORD, SESSION_TOKEN_TTL, GUEST_TOKEN_TTL, HEARTBEAT_INTERVAL, RESUME_WINDOW, TURN_URLS,
                ICE_TURN_PORT, ICE_TURNS_PORT, TURN_CREDENTIAL_TTL, ICE_TRANSPORT_POLICY, REDEEM_RATE_PER_MINUTE,
                REDEEM_RATE_GLOBAL, WEB_DIR);
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String policy(String text) {
        String t = text.trim();
        if (!t.equals("all") && !t.equals("relay")) {
            throw new IllegalArgumentException("use all or relay");
        }
        return t;
    }
}
