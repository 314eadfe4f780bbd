package de.sprechzimmer.signaling.stats;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.stats.TelemetryReport;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every statistics event signaling emits (docs/statistics.md, "Event catalogue"), in one place. Events are built
 * with {@link StatsEvents}: accounts and practices become keyed-hash pseudonyms, a client address is truncated;
 * fields hold kinds, counts and durations, never names, codes or ids of patients.
 */
public final class SignalingStats {

    /** Every waiting room and code belongs to one doctor so far. */
    static final String ROOM_KIND = "personal";

    private final StatsSink sink;
    private final StatsEvents events;
    private final Clock clock;

    public SignalingStats(StatsSink sink, StatsEvents events, Clock clock) {
        this.sink = sink;
        this.events = events;
        this.clock = clock;
    }

    public void login(AccountId account, PracticeId practice, boolean admin, String host, InetAddress client) {
        emit(() -> events.of(StatsEvents.LOGIN, account.value(), practice.value()).field("role", admin ? "admin" : "doctor")
                .field("domain", host != null && host.matches("[A-Za-z0-9.-]{1,253}") ? host : null).field("client", "browser").clientAddress(client).build());
    }

    public void waitingRoomCreated(AccountId account, PracticeId practice) {
        emit(() -> events.of(StatsEvents.WAITING_ROOM_CREATED, account.value(), practice.value())
                .field("room-kind", ROOM_KIND).build());
    }

    public void accessCodeCreated(AccountId account, PracticeId practice) {
        emit(() -> events.of(StatsEvents.ACCESS_CODE_CREATED, account.value(), practice.value())
                .field("room-kind", ROOM_KIND).build());
    }

    public void consultationStarted(AccountId account, PracticeId practice) {
        emit(() -> events.of(StatsEvents.CONSULTATION_STARTED, account.value(), practice.value())
                .field("doctors", 1).field("guests", 0).build());
    }

    /** {@code peakMembers}: most members at once; one of them the doctor. */
    public void consultationEnded(AccountId account, PracticeId practice, Instant startedAt, int peakMembers) {
        long seconds = Math.min(86_400, Math.max(0, Duration.between(startedAt, clock.instant()).getSeconds()));
        emit(() -> events.of(StatsEvents.CONSULTATION_ENDED, account.value(), practice.value())
                .field("duration-s", seconds).field("doctors", 1).field("guests", Math.max(0, peakMembers - 1)).build());
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
