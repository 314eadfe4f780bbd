package de.sprechzimmer.stats.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.stats.testing.TestEvents;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventLineTest {

    final TestEvents t = new TestEvents(new ManualClock());

    @Test
    void randomCheckedEventsSurviveTheRoundTrip() {
        SplittableRandom r = new SplittableRandom(7);
        String practice = t.practice("p");
        for (int i = 0; i < 2000; i++) {
            Instant at = Instant.ofEpochMilli(1_700_000_000_000L + r.nextLong(10_000_000_000L));
            StatsEvent e = switch (r.nextInt(3)) {
                case 0 -> t.consultation("d" + r.nextInt(50), "p", at, r.nextInt(86_400), r.nextBoolean() ? "p2p" : "relay", "chat,screenshot");
                case 1 -> t.telemetry("d" + r.nextInt(50), "p", at, "relay");
                default -> new StatsEvent("contact.added", at, t.account("x" + i), practice, Map.of());
            };
            String line = EventLine.encode(e);
            assertThat(EventLine.decode(line, practice)).isEqualTo(e);
        }
    }

    @Test
    void namesOutsideTheCatalogueStillDecode() {
        StatsEvent e = new StatsEvent("future.type", Instant.ofEpochMilli(5), t.account("a"), t.practice("p"), Map.of("newfield", "1", "role", "doctor"));
        StatsEvent back = EventLine.decode(EventLine.encode(e), t.practice("p"));
        assertThat(back).isEqualTo(e);
        assertThat(back.fields().keySet()).contains("role").anySatisfy(k -> assertThat(k).isSameAs("role"));
    }

    @Test
    void twoEncodingsOfOneEventDifferSoASortedSetKeepsBoth() {
        StatsEvent e = t.sms("d", "p", Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(EventLine.encode(e)).isNotEqualTo(EventLine.encode(e));
    }

    @Test
    void separatorsInNamesOrValuesAreRefusedAndBrokenLinesToo() {
        StatsEvent tab = new StatsEvent("login", Instant.EPOCH, t.account("a"), t.practice("p"), Map.of("role", "doc\ttor"));
        assertThatThrownBy(() -> EventLine.encode(tab)).isInstanceOf(IllegalArgumentException.class);
        StatsEvent eq = new StatsEvent("login", Instant.EPOCH, t.account("a"), t.practice("p"), Map.of("ro=le", "doctor"));
        assertThatThrownBy(() -> EventLine.encode(eq)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLine.decode("1:abc\tlogin", t.practice("p"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLine.decode("1:abc\tlogin\tacc\t=x", t.practice("p"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLine.decode("soon:abc\tlogin\tacc", t.practice("p"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventLine.decode("abc\tlogin\tacc", t.practice("p"))).isInstanceOf(IllegalArgumentException.class);
    }
}
