package de.sprechzimmer.stats.event;

import de.sprechzimmer.common.stats.StatsEvents;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue: every event type the collector stores, and per type the fields it allows, their shapes and
 * which are required (docs/statistics.md, "Event catalogue"). Nothing outside this table is ever stored.
 */
public enum EventType {

    LOGIN(StatsEvents.LOGIN,
            req("role", Shape.oneOf("doctor", "guest", "admin")),
            opt("domain", Shape.hostname()),
            opt("client", Shape.oneOf("browser", "app")),
            opt("device", Shape.oneOf("desktop", "mobile", "tablet", "other")),
            opt("browser", Shape.oneOf("chrome", "chromium", "firefox", "safari", "edge", "opera", "samsung", "other")),
            opt("browser-version", Shape.version()),
            opt("os", Shape.oneOf("windows", "macos", "linux", "android", "ios", "chromeos", "other")),
            opt("os-version", Shape.version()),
            opt(StatsEvents.IP_FIELD, Shape.ipPrefix())),
    CONSULTATION_STARTED(StatsEvents.CONSULTATION_STARTED,
            opt("doctors", Shape.integer(0, 32)),
            opt("guests", Shape.integer(0, 32))),
    CONSULTATION_ENDED(StatsEvents.CONSULTATION_ENDED,
            req("duration-s", Shape.integer(0, 86_400)),
            req("doctors", Shape.integer(0, 32)),
            req("guests", Shape.integer(0, 32)),
            opt("features", Shape.subsetOf(Feature.WIRE_NAMES)),
            opt("connection", Shape.oneOf("p2p", "relay", "unknown")),
            opt("relay-protocol", Shape.oneOf("udp", "tcp", "tls"))),
    SMS_SENT(StatsEvents.SMS_SENT,
            req("country", Shape.country()),
            req("reason", Shape.oneOf("access-code", "second-factor", "contact-list"))),
    EMAIL_SENT(StatsEvents.EMAIL_SENT,
            req("sender-domain", Shape.hostname()),
            opt("reason", Shape.oneOf("access-code", "second-factor", "contact-list", "account"))),
    ACCESS_CODE_CREATED(StatsEvents.ACCESS_CODE_CREATED,
            req("room-kind", Shape.oneOf("personal", "shared", "group", "other"))),
    CONTACT_ADDED(StatsEvents.CONTACT_ADDED),
    CONTACT_REMOVED(StatsEvents.CONTACT_REMOVED),
    WAITING_ROOM_CREATED(StatsEvents.WAITING_ROOM_CREATED,
            req("room-kind", Shape.oneOf("personal", "shared", "group", "other"))),
    STATS_EXPORTED(StatsEvents.STATS_EXPORTED,
            req("format", Shape.oneOf("csv", "pdf")),
            opt("rows", Shape.oneOf("event", "day")),
            req("scope", Shape.oneOf("own", "practice")),
            req("from", Shape.date()),
            req("to", Shape.date())),
    TELEMETRY(StatsEvents.TELEMETRY,
            req("media", Shape.oneOf("audio-video", "audio")),
            req("path", Shape.oneOf("p2p", "relay")),
            opt("protocol", Shape.oneOf("udp", "tcp", "tls")),
            opt("port", Shape.integer(1, 65_535)),
            opt("bitrate-kbps", Shape.integer(0, 10_000_000)),
            opt("network", Shape.oneOf("wifi", "cellular", "ethernet", "other", "unknown")),
            opt("role", Shape.oneOf("doctor", "guest")));

    private static final Map<String, EventType> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wire, Function.identity()));

    /** Every field name of the catalogue in table order (the CSV columns). */
    public static final List<String> ALL_FIELDS = Arrays.stream(values())
            .flatMap(t -> t.fields.keySet().stream()).filter(f -> !f.equals(StatsEvents.IP_FIELD))
            .distinct().toList();

    private final String wire;
    private final Map<String, Field> fields;
    private final List<String> names;

    EventType(String wire, Field... fields) {
        this.wire = wire;
        Map<String, Field> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.put(f.name, f);
        }
        this.fields = Collections.unmodifiableMap(m);
        this.names = List.copyOf(m.keySet());
    }

    public String wire() {
        return wire;
    }

    Map<String, Field> fields() {
        return fields;
    }

    /** The type's field names in catalogue order. */
    public List<String> fieldNames() {
        return names;
    }

    public static Optional<EventType> of(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    record Field(String name, Shape shape, boolean required) {
    }

    private static Field req(String name, Shape shape) {
        return new Field(name, shape, true);
    }

    private static Field opt(String name, Shape shape) {
        return new Field(name, shape, false);
    }
}
