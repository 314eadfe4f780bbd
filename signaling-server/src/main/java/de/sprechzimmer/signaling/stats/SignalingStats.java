package de.sprechzimmer.signaling.stats;

import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Every statistics event signaling emits, in one place so the vocabulary is easy to adapt. Accounts and
 * practices appear only as keyed-hash pseudonyms; fields hold kinds, counts and durations, never names, codes,
 * addresses or ids of patients.
 */
public final class SignalingStats {

    private final StatsSink sink;
    private final Pseudonymizer pseudonyms;
    private final Clock clock;

    public SignalingStats(StatsSink sink, Pseudonymizer pseudonyms, Clock clock) {
        this.sink = sink;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    public void login(AccountId account, PracticeId practice) {
        emit("login", account, practice, Map.of());
    }

    public void waitingRoomCreated(AccountId account, PracticeId practice) {
        emit("waiting-room.created", account, practice, Map.of());
    }

    public void accessCodeCreated(AccountId account, PracticeId practice, Duration validity) {
        emit("access-code.created", account, practice, Map.of("validityHours", String.valueOf(validity.toHours())));
    }

    public void consultationStarted(AccountId account, PracticeId practice) {
        emit("consultation.started", account, practice, Map.of());
    }

    public void consultationEnded(AccountId account, PracticeId practice, Instant startedAt, int peakParticipants,
                                  String reason) {
        long seconds = Math.max(0, Duration.between(startedAt, clock.instant()).getSeconds());
        emit("consultation.ended", account, practice, Map.of("durationSeconds", String.valueOf(seconds),
                "peakParticipants", String.valueOf(peakParticipants), "reason", reason));
    }

    /** Client telemetry after {@link TelemetryFields} checked it: role plus bounded metadata. */
    public void telemetry(AccountId account, PracticeId practice, String role, Map<String, String> fields) {
        Map<String, String> all = new java.util.HashMap<>(fields);
        all.put("role", role);
        emit("telemetry", account, practice, all);
    }

    private void emit(String type, AccountId account, PracticeId practice, Map<String, String> fields) {
        try {
            sink.record(new StatsEvent(type, clock.instant(), pseudonyms.pseudonym("account", account.value()),
                    pseudonyms.pseudonym("practice", practice.value()), fields));
        } catch (RuntimeException e) {
            // StatsSink must not throw; if one does, statistics are lost, the consultation is not.
        }
    }
}
