package de.sprechzimmer.stats.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalTimesTest {

    @Test
    void agreesWithJavaTimeAcrossDaylightSavingChangesInOrderAndOutOfOrder() {
        for (String id : new String[] {"Europe/Berlin", "UTC", "America/St_Johns", "Australia/Lord_Howe"}) {
            ZoneId zone = ZoneId.of(id);
            DateTimeFormatter expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
            LocalTimes times = new LocalTimes(zone);
            // In order across the spring and autumn changes of 2026, then random instants of 2020-2030.
            for (long s = Instant.parse("2026-03-29T00:00:00Z").getEpochSecond(); s < Instant.parse("2026-03-29T03:00:00Z").getEpochSecond(); s += 37) {
                assertThat(times.local(Instant.ofEpochSecond(s, 123_000_000))).isEqualTo(expected.format(Instant.ofEpochSecond(s)));
            }
            for (long s = Instant.parse("2026-10-25T00:00:00Z").getEpochSecond(); s < Instant.parse("2026-10-25T03:00:00Z").getEpochSecond(); s += 41) {
                assertThat(times.local(Instant.ofEpochSecond(s))).isEqualTo(expected.format(Instant.ofEpochSecond(s)));
            }
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < 20_000; i++) {
                Instant at = Instant.ofEpochSecond(1_577_836_800L + r.nextLong(315_360_000L));
                assertThat(times.local(at)).isEqualTo(expected.format(at));
            }
        }
    }
}
