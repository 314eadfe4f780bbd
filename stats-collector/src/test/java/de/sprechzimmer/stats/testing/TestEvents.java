package de.sprechzimmer.stats.testing;

import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.stats.StatsEvents;
import java.time.Clock;
import java.time.Instant;

/** Well-formed events as signaling would build them, with the shared helper from common. */
public final class TestEvents {

    public static final String PSEUDONYM_SECRET = "test-pseudonym-secret-0123456789";
    public static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(PSEUDONYM_SECRET);

    private final StatsEvents events;

    public TestEvents(Clock clock) {
        this.events = new StatsEvents(PSEUDONYMIZER, clock);
    }

    public StatsEvents helper() {
        return events;
    }

    public String account(String id) {
        return events.account(id);
    }

    public String practice(String id) {
        return events.practice(id);
    }

    public StatsEvent consultation(String accountId, String practiceId, Instant end, int seconds, String connection, String features) {
        return events.of(StatsEvents.CONSULTATION_ENDED, accountId, practiceId).at(end)
                .field("duration-s", seconds).field("doctors", 1).field("guests", 1)
                .field("features", features).field("connection", connection).build();
    }

    public StatsEvent telemetry(String accountId, String practiceId, Instant at, String path) {
        return events.of(StatsEvents.TELEMETRY, accountId, practiceId).at(at)
                .field("media", "audio-video").field("path", path).field("protocol", "udp").field("port", 3478)
                .field("bitrate-kbps", 1500).field("network", "wifi").field("role", "doctor").build();
    }

    public StatsEvent sms(String accountId, String practiceId, Instant at) {
        return events.of(StatsEvents.SMS_SENT, accountId, practiceId).at(at)
                .field("country", "DE").field("reason", "access-code").build();
    }
}
