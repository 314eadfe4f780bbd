package de.sprechzimmer.stats.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.stats.testing.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link StatsStore} must do; run on the in-memory and the Redis store. */
abstract class StatsStoreContract {

    static final Instant DAY0 = Instant.parse("2026-01-05T10:30:00Z");

    ManualClock clock;
    ManualScheduler scheduler;
    Retention retention;
    StatsStore store;
    TestEvents t;
    String practice;
    String otherPractice;

    abstract StatsStore newStore(Retention retention);

    @BeforeEach
    void setUp() {
        clock = new ManualClock(DAY0);
        scheduler = new ManualScheduler(clock);
        retention = new Retention(clock, Duration.ofDays(90), Duration.ofDays(15));
        store = newStore(retention);
        t = new TestEvents(clock);
        practice = t.practice("praxis-1");
        otherPractice = t.practice("praxis-2");
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    List<StatsEvent> all(Query q) {
        List<StatsEvent> out = new ArrayList<>();
        store.scan(q, out::add);
        return out;
    }

    Query wholePractice() {
        return Query.practice(practice, DAY0.minus(Duration.ofDays(400)), DAY0.plus(Duration.ofDays(400)));
    }

    void append(StatsEvent... events) {
        store.append(List.of(events)).join();
    }

    @Test
    void scanReturnsThePeriodsEventsOldestFirst() {
        StatsEvent a = t.consultation("doc-1", "praxis-1", DAY0.minusSeconds(3600), 600, "p2p", "chat");
        StatsEvent b = t.consultation("doc-1", "praxis-1", DAY0.minus(Duration.ofDays(2)), 300, "relay", "");
        StatsEvent c = t.sms("doc-2", "praxis-1", DAY0.minus(Duration.ofDays(1)));
        StatsEvent outside = t.sms("doc-2", "praxis-1", DAY0.minus(Duration.ofDays(10)));
        append(a, b, c, outside);
        assertThat(all(Query.practice(practice, DAY0.minus(Duration.ofDays(3)), DAY0))).containsExactly(b, c, a);
        // [from, to): an event exactly at "to" belongs to the next period.
        assertThat(all(Query.practice(practice, DAY0.minus(Duration.ofDays(3)), a.at()))).containsExactly(b, c);
        assertThat(all(Query.practice(practice, a.at(), DAY0))).containsExactly(a);
    }

    @Test
    void anAccountQuerySeesOnlyThatAccountAndNoPracticeSeesAnother() {
        StatsEvent mine = t.consultation("doc-1", "praxis-1", DAY0.minusSeconds(60), 600, "p2p", "chat");
        StatsEvent colleague = t.consultation("doc-2", "praxis-1", DAY0.minusSeconds(50), 600, "p2p", "chat");
        StatsEvent foreign = t.consultation("doc-3", "praxis-2", DAY0.minusSeconds(40), 600, "p2p", "chat");
        append(mine, colleague, foreign);
        Instant from = DAY0.minus(Duration.ofDays(1));
        assertThat(all(Query.account(practice, t.account("doc-1"), from, DAY0))).containsExactly(mine);
        assertThat(all(Query.practice(practice, from, DAY0))).containsExactly(mine, colleague);
        assertThat(all(Query.practice(otherPractice, from, DAY0))).containsExactly(foreign);
        // A doctor of practice 1 asking with practice 2's pseudonym finds nothing of theirs there.
        assertThat(all(Query.account(otherPractice, t.account("doc-1"), from, DAY0))).isEmpty();
    }

    @Test
    void equalEventsAreBothKept() {
        StatsEvent e = t.telemetry("doc-1", "praxis-1", DAY0.minusSeconds(5), "relay");
        append(e, e);
        assertThat(all(wholePractice())).containsExactly(e, e);
    }

    @Test
    void aLargeDayIsReadCompletelyAndInOrder() {
        List<StatsEvent> many = new ArrayList<>();
        Instant start = DAY0.minus(Duration.ofHours(10));
        for (int i = 0; i < 25_000; i++) {
            many.add(t.telemetry("doc-" + (i % 7), "praxis-1", start.plusMillis(i), i % 3 == 0 ? "relay" : "p2p"));
        }
        store.append(many).join();
        assertThat(all(wholePractice())).containsExactlyElementsOf(many);
        assertThat(store.size()).isEqualTo(25_000);
    }

    @Test
    void aDayZeroEventIsExportedOnDay89AndGoneOnDay92() {
        new PurgeJob(store, scheduler, Duration.ofHours(1), new SimpleMeterRegistry());
        StatsEvent day0 = t.consultation("doc-1", "praxis-1", DAY0, 900, "relay", "whiteboard");
        append(day0);
        scheduler.advance(Duration.ofDays(89));
        assertThat(all(wholePractice())).containsExactly(day0);
        assertThat(store.size()).isEqualTo(1);
        scheduler.advance(Duration.ofDays(3));
        assertThat(all(wholePractice())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void nothingPastRetentionIsReturnedEvenBeforeThePurgeRan() {
        StatsEvent day0 = t.consultation("doc-1", "praxis-1", DAY0, 900, "relay", "");
        append(day0);
        clock.advance(Duration.ofDays(90).plusMillis(1));
        assertThat(all(wholePractice())).isEmpty();
    }

    @Test
    void thePurgeCutsExactlyAtTheRetentionBoundary() {
        StatsEvent older = t.sms("doc-1", "praxis-1", DAY0);
        StatsEvent newer = t.sms("doc-1", "praxis-1", DAY0.plusSeconds(2));
        StatsEvent laterDay = t.sms("doc-1", "praxis-1", DAY0.plus(Duration.ofDays(1)));
        append(older, newer);
        clock.advance(Duration.ofDays(1));
        append(laterDay);
        clock.set(DAY0.plus(Duration.ofDays(90)).plusSeconds(1));
        assertThat(store.purge().events()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(2);
        assertThat(all(wholePractice())).containsExactly(newer, laterDay);
    }

    @Test
    void anonymisedAddressesLiveFifteenDays() {
        new PurgeJob(store, scheduler, Duration.ofHours(1), new SimpleMeterRegistry());
        IpRecord r = new IpRecord(DAY0, t.account("doc-1"), practice, "203.0.113.0");
        IpRecord v6 = new IpRecord(DAY0.plusSeconds(1), t.account("doc-1"), practice, "2001:db8:1234::");
        store.appendAddress(r).join();
        store.appendAddress(v6).join();
        Instant from = DAY0.minus(Duration.ofDays(1));
        Instant to = DAY0.plus(Duration.ofDays(30));
        scheduler.advance(Duration.ofDays(14));
        assertThat(store.addresses(practice, from, to)).containsExactly(r, v6);
        assertThat(store.addresses(otherPractice, from, to)).isEmpty();
        scheduler.advance(Duration.ofDays(1).plusHours(1));
        assertThat(store.addresses(practice, from, to)).isEmpty();
        assertAddressesPhysicallyGone();
    }

    /** Implementations check their storage itself, beyond what the interface shows. */
    abstract void assertAddressesPhysicallyGone();
}
