package de.sprechzimmer.turn;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import java.time.Duration;
import java.util.List;

/** Settings of the TURN relay (flag {@code --turn-port}, env {@code SPRECHZIMMER_TURN_PORT}, file key {@code turn-port}). */
public final class TurnSettings {

    private TurnSettings() {
    }

    public static final Setting<Integer> PORT = Setting.port("turn-port", 3478,
            "TURN/STUN port for UDP and TCP (`turn:` URLs)");
    public static final Setting<Integer> TLS_PORT = Setting.port("turn-tls-port", null,
            "TURN over TLS port (`turns:` URLs), e.g. 443 or 5349; unset: no TLS listener");
    public static final Setting<String> LISTEN_IP = Setting.string("turn-listen-ip", "0.0.0.0",
            "Comma-separated addresses the TURN listeners bind to (`0.0.0.0` all IPv4, `::` all IPv4+IPv6)");
    public static final Setting<String> RELAY_IP = Setting.string("turn-relay-ip", null,
            "Comma-separated relay addresses, at most one IPv4 and one IPv6; unset: the listen address if specific, else the host's first non-loopback address");
    public static final Setting<String> EXTERNAL_IP = Setting.string("turn-external-ip", null,
            "Advertised relay address behind 1:1 NAT: `public` or `public/private` pairs, comma-separated (coturn `external-ip` form)");
    public static final Setting<String> REALM = Setting.string("turn-realm", "sprechzimmer",
            "Realm of the long-term credentials");
    public static final Setting<String> ALLOWED_PEERS = Setting.string("turn-allowed-peers", "",
            "Comma-separated CIDR ranges the relay may send to despite the deny list (loopback, private, link-local ...), for tests and LAN setups");
    public static final Setting<Boolean> RFC5766_CHANNELS = Setting.bool("turn-rfc5766-channels", false,
            "Accept channel numbers up to 0x7FFF as RFC 5766 did (RFC 8656 allows 0x4000-0x4FFF)");
    public static final Setting<Integer> MIN_PORT = Setting.port("turn-min-port", 49152,
            "Lowest relay port");
    public static final Setting<Integer> MAX_PORT = Setting.port("turn-max-port", 65535,
            "Highest relay port");
    public static final Setting<Integer> USER_QUOTA = Setting.integer("turn-user-quota", 10,
            "Allocations one username may hold at once (0: no limit); more get 486");
    public static final Setting<Integer> TOTAL_QUOTA = Setting.integer("turn-total-quota", 10000,
            "Allocations the relay holds at once (0: no limit); more get 486");
    public static final Setting<Long> MAX_BPS = Setting.longValue("turn-max-bps", 0L,
            "Bytes per second each allocation may relay in each direction, excess dropped (0: no limit)");
    public static final Setting<Integer> MAX_PERMISSIONS = Setting.integer("turn-max-permissions", 128,
            "Permissions one allocation may hold; more get 508");
    public static final Setting<Duration> NONCE_LIFETIME = Setting.duration("turn-nonce-lifetime", Duration.ofMinutes(10),
            "How long a nonce stays valid before the client gets 438 and a new one");
    public static final Setting<String> TLS_CERT = Setting.string("turn-tls-cert", null,
            "PEM certificate chain for the TLS listener; unset with a TLS port: a self-signed certificate is generated");
    public static final Setting<String> TLS_KEY = Setting.string("turn-tls-key", null,
            "PEM private key (PKCS#8, or PKCS#1/SEC1) for the TLS listener");
    public static final Setting<String> STATIC_USERS = new Setting<>("turn-static-users", null, s -> s,
            "Static long-term users `user:password,...` for tests and small setups (REST API credentials need none)", true);
    public static final Setting<Integer> THREADS = Setting.integer("turn-threads", 0,
            "Event loop threads (0: one per core)");

    /** The relay's own settings plus the shared ones it reads ({@code turn-secret}, admin listener). */
    public static List<Setting<?>> all() {
        return List.of(PORT, TLS_PORT, LISTEN_IP, RELAY_IP, EXTERNAL_IP, REALM, CommonSettings.TURN_SECRET,
                ALLOWED_PEERS, RFC5766_CHANNELS, MIN_PORT, MAX_PORT, USER_QUOTA, TOTAL_QUOTA, MAX_BPS,
                MAX_PERMISSIONS, NONCE_LIFETIME, TLS_CERT, TLS_KEY, STATIC_USERS, THREADS);
    }
}
