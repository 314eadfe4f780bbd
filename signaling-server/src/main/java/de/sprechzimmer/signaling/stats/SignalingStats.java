package de.sprechzimmer.signaling.stats;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.stats.TelemetryReport;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.session.SessionUsage;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every statistics event signaling emits (docs/statistics.md, "Event catalogue"), in one place. Events are built
 * with {@link StatsEvents}: accounts and practices become keyed-hash pseudonyms, a client address is truncated;
 * fields hold kinds, counts and durations, never names, codes or ids of patients.
 */
public final class SignalingStats {

    /** Every waiting room and code belongs to one doctor so far. */
    static final String ROOM_KIND = "personal";
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    /** The catalogue's range for participant counts. */
    static final int MAX_PARTICIPANTS = 32;

    private final StatsSink sink;
    private final StatsEvents events;
    private final Clock clock;

    public SignalingStats(StatsSink sink, StatsEvents events, Clock clock) {
        this.sink = sink;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A doctor's, practice admin's or guest's login (REST login, code redeemed). For a guest, {@code account} is the
     * doctor whose waiting room it is. Of the request only coarse facts go on: the host name the client used, what
     * {@link UserAgent} makes of its header, the client's address truncated at once by {@link StatsEvents}.
     *
     * @param role {@code doctor}, {@code admin} or {@code guest}
     */
    public void login(AccountId account, PracticeId practice, String role, String host, String userAgent, InetAddress client) {
        emit(() -> {
            UserAgent ua = UserAgent.parse(userAgent);
            return events.of(StatsEvents.LOGIN, account.value(), practice.value()).field("role", role)
                    .field("domain", domain(host)).field("client", "browser").field("device", ua.device())
                    .field("browser", ua.browser()).field("browser-version", ua.browserVersion())
                    .field("os", ua.os()).field("os-version", ua.osVersion()).clientAddress(client).build();
        });
    }

    /** A DNS name as the catalogue's {@code domain}; null for an address literal (that is no domain) or junk. */
    static String domain(String host) {
        if (host == null || host.length() > 253 || !HOST_NAME.matcher(host).matches() || IPV4.matcher(host).matches()) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    public void waitingRoomCreated(AccountId account, PracticeId practice) {
        emit(() -> events.of(StatsEvents.WAITING_ROOM_CREATED, account.value(), practice.value())
                .field("room-kind", ROOM_KIND).build());
    }

    public void accessCodeCreated(AccountId account, PracticeId practice) {
        emit(() -> events.of(StatsEvents.ACCESS_CODE_CREATED, account.value(), practice.value())
                .field("room-kind", ROOM_KIND).build());
    }

    /** When the first guest is in: a doctor alone is no consultation. */
    public void consultationStarted(AccountId account, PracticeId practice, int guests) {
        emit(() -> events.of(StatsEvents.CONSULTATION_STARTED, account.value(), practice.value())
                .field("doctors", 1).field("guests", Math.min(MAX_PARTICIPANTS, guests)).build());
    }

    /**
     * Once per consultation that had a guest: its duration, the distinct guests who took part, the features used
     * and how the members were connected (docs/statistics.md).
     */
    public void consultationEnded(AccountId account, PracticeId practice, Instant startedAt, SessionUsage usage) {
        long seconds = Math.min(86_400, Math.max(0, Duration.between(startedAt, clock.instant()).getSeconds()));
        emit(() -> events.of(StatsEvents.CONSULTATION_ENDED, account.value(), practice.value())
                .field("duration-s", seconds).field("doctors", 1)
                .field("guests", Math.min(MAX_PARTICIPANTS, usage.guests().size()))
                .field("features", usage.featureList()).field("connection", usage.connection())
                .field("relay-protocol", usage.relayProtocol().orElse(null)).build());
    }

    /**
     * A member's {@code telemetry} data as the statistics accept it, or empty when its shape is wrong (too large,
     * unknown fields, values out of range): {@link TelemetryReport} decides.
     */
    public static Optional<TelemetryReport> report(JsonNode data) {
        if (data.toString().length() > TelemetryReport.MAX_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().treeToValue(data, TelemetryReport.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** For the session's doctor account and practice, with the reporting member's role. */
    public void telemetry(TelemetryReport report, AccountId account, PracticeId practice, String role) {
        emit(() -> report.toEvent(events, account.value(), practice.value(), role));
    }

    private void emit(java.util.function.Supplier<StatsEvent> event) {
        try {
            sink.record(event.get());
        } catch (RuntimeException e) {
            // StatsSink must not throw; if one does, statistics are lost, the consultation is not.
        }
    }
}
