package de.sprechzimmer.common.stats;

import de.sprechzimmer.common.privacy.IpAnonymizer;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds well-formed {@link StatsEvent}s at the source (signaling, invites): pseudonymises the raw ids with the
 * shared {@link Pseudonymizer} ({@code pseudonym("account", id)}, {@code pseudonym("practice", id)}) and
 * anonymises a client address at once ({@link IpAnonymizer}), so neither a raw id nor a full address ever leaves
 * the caller. The vocabulary (event types, field names, allowed values) is documented in docs/statistics.md;
 * the statistics collector checks every event against it and rejects (and counts) anything else.
 *
 * <pre>{@code
 * StatsEvents events = new StatsEvents(new Pseudonymizer(pseudonymSecret), clock);
 * sink.record(events.of(StatsEvents.CONSULTATION_ENDED, accountId, practiceId)
 *         .at(endedAt).field("duration-s", 754).field("doctors", 1).field("guests", 1)
 *         .field("features", "chat,screen-sharing").field("connection", "relay").build());
 * }</pre>
 */
public final class StatsEvents {

    public static final String LOGIN = "login";
    public static final String CONSULTATION_STARTED = "consultation.started";
    public static final String CONSULTATION_ENDED = "consultation.ended";
    public static final String SMS_SENT = "sms.sent";
    public static final String EMAIL_SENT = "email.sent";
    public static final String ACCESS_CODE_CREATED = "access-code.created";
    public static final String CONTACT_ADDED = "contact.added";
    public static final String CONTACT_REMOVED = "contact.removed";
    public static final String WAITING_ROOM_CREATED = "waiting-room.created";
    public static final String STATS_EXPORTED = "stats.exported";
    public static final String TELEMETRY = "telemetry";

    /** The field that carries an anonymised client address; the collector keeps it apart, 15 days at most. */
    public static final String IP_FIELD = "ip";

    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    public StatsEvents(Pseudonymizer pseudonymizer, Clock clock) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The pseudonym of an account id, as the statistics use it. */
    public String account(String accountId) {
        return pseudonymizer.pseudonym("account", accountId);
    }

    /** The pseudonym of a practice id, as the statistics use it. */
    public String practice(String practiceId) {
        return pseudonymizer.pseudonym("practice", practiceId);
    }

    /**
     * An event of {@code type} for an account of a practice, at the clock's now unless {@link Builder#at} says
     * otherwise. For guests, {@code accountId} is the doctor whose waiting room or session it was.
     */
    public Builder of(String type, String accountId, String practiceId) {
        return new Builder(type, account(accountId), practice(practiceId), clock.instant());
    }

    /** Collects the fields of one event. Not thread-safe; build once. */
    public static final class Builder {
        private final String type;
        private final String account;
        private final String practice;
        private Instant at;
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(String type, String account, String practice, Instant at) {
            this.type = Objects.requireNonNull(type, "type");
            this.account = account;
            this.practice = practice;
            this.at = at;
        }

        public Builder at(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
            return this;
        }

        /** A field; a null value leaves the field out (the browser did not tell). */
        public Builder field(String name, Object value) {
            if (value != null) {
                fields.put(name, String.valueOf(value));
            }
            return this;
        }

        /** The client's address, truncated here and now (IPv4 /24, IPv6 /48); the full address is not kept. */
        public Builder clientAddress(InetAddress address) {
            if (address != null) {
                fields.put(IP_FIELD, IpAnonymizer.anonymize(address));
            }
            return this;
        }

        public StatsEvent build() {
            return new StatsEvent(type, at, account, practice, fields);
        }
    }
}
