package de.sprechzimmer.whiteboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link WhiteboardStore} must have; run on the in-memory store and on a real Redis. */
abstract class WhiteboardStoreContract {

    final ManualClock clock = new ManualClock();
    final SessionId s1 = new SessionId("s_first");
    final SessionId s2 = new SessionId("s_second");
    final Quota roomy = new Quota(50, 1_000_000);
    WhiteboardStore store;

    abstract WhiteboardStore newStore();

    /** Fails unless the store holds nothing at all of {@code session}: no key, no file, no counter, no index entry. */
    abstract void assertNothingHeldOf(SessionId session);

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    KeyRecord key(String tag, Duration ttl) {
        return new KeyRecord(("wrapped-" + tag).getBytes(StandardCharsets.US_ASCII), clock.instant().plus(ttl));
    }

    static StoredFile file(long size, String content) {
        return new StoredFile(FileId.random(), size, ("meta-" + content).getBytes(StandardCharsets.UTF_8),
                ("blob-" + content).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstKeyWinsAndLaterCandidatesGetIt() {
        KeyRecord first = store.keyFor(s1, key("a", Duration.ofHours(12)));
        KeyRecord second = store.keyFor(s1, key("b", Duration.ofHours(12)));
        assertThat(second).isEqualTo(first);
        assertThat(store.key(s1)).contains(first);
        assertThat(store.key(s2)).isEmpty();
    }

    @Test
    void storedFilesAreListedReadAndCounted() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        StoredFile a = file(100, "a");
        StoredFile b = file(250, "b");
        assertThat(store.put(s1, k, a, roomy)).isEqualTo(PutResult.STORED);
        assertThat(store.put(s1, k, b, roomy)).isEqualTo(PutResult.STORED);
        assertThat(store.metas(s1)).containsOnlyKeys(a.id(), b.id());
        assertThat(store.metas(s1).get(a.id())).isEqualTo(a.sealedMeta());
        assertThat(store.blob(s1, b.id())).hasValueSatisfying(v -> assertThat(v).isEqualTo(b.sealedBlob()));
        assertThat(store.meta(s1, b.id())).hasValueSatisfying(v -> assertThat(v).isEqualTo(b.sealedMeta()));
        assertThat(store.usage(s1)).isEqualTo(new Usage(2, 350));
    }

    @Test
    void sessionsAreIsolated() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        StoredFile a = file(10, "a");
        store.put(s1, k, a, roomy);
        assertThat(store.blob(s2, a.id())).isEmpty();
        assertThat(store.meta(s2, a.id())).isEmpty();
        assertThat(store.metas(s2)).isEmpty();
        assertThat(store.delete(s2, a.id())).isFalse();
        assertThat(store.usage(s2)).isEqualTo(Usage.NONE);
        assertThat(store.blob(s1, a.id())).isPresent();
    }

    @Test
    void aPutUnderAKeyThatIsGoneStoresNothing() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        store.deleteSession(s1);
        assertThat(store.put(s1, k, file(10, "late"), roomy)).isEqualTo(PutResult.KEY_CHANGED);
        KeyRecord newer = store.keyFor(s1, key("b", Duration.ofHours(12)));
        assertThat(store.put(s1, k, file(10, "late"), roomy)).isEqualTo(PutResult.KEY_CHANGED);
        assertThat(store.metas(s1)).isEmpty();
        assertThat(store.usage(s1)).isEqualTo(Usage.NONE);
        assertThat(store.put(s1, newer, file(10, "ok"), roomy)).isEqualTo(PutResult.STORED);
    }

    @Test
    void theFileCountLimitRefusesAndStoresNothing() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        Quota twoFiles = new Quota(2, 1_000_000);
        assertThat(store.put(s1, k, file(1, "1"), twoFiles).stored()).isTrue();
        StoredFile second = file(1, "2");
        assertThat(store.put(s1, k, second, twoFiles).stored()).isTrue();
        StoredFile third = file(1, "3");
        assertThat(store.put(s1, k, third, twoFiles)).isEqualTo(PutResult.TOO_MANY_FILES);
        assertThat(store.blob(s1, third.id())).isEmpty();
        assertThat(store.usage(s1)).isEqualTo(new Usage(2, 2));
        assertThat(store.delete(s1, second.id())).isTrue();
        assertThat(store.put(s1, k, third, twoFiles)).isEqualTo(PutResult.STORED);
    }

    @Test
    void theSessionSizeLimitRefusesAndStoresNothing() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        Quota hundredBytes = new Quota(50, 100);
        StoredFile sixty = file(60, "60");
        assertThat(store.put(s1, k, sixty, hundredBytes)).isEqualTo(PutResult.STORED);
        StoredFile fortyOne = file(41, "41");
        assertThat(store.put(s1, k, fortyOne, hundredBytes)).isEqualTo(PutResult.SESSION_FULL);
        assertThat(store.metas(s1)).containsOnlyKeys(sixty.id());
        assertThat(store.put(s1, k, file(40, "40"), hundredBytes)).isEqualTo(PutResult.STORED);
        assertThat(store.usage(s1)).isEqualTo(new Usage(2, 100));
    }

    @Test
    void deletingAFileFreesItsQuotaAndOnlyTheFirstFileEverCounts() {
        KeyRecord k = store.keyFor(s1, key("a", Duration.ofHours(12)));
        StoredFile a = file(70, "a");
        assertThat(store.put(s1, k, a, roomy)).isEqualTo(PutResult.STORED);
        assertThat(store.delete(s1, a.id())).isTrue();
        assertThat(store.delete(s1, a.id())).isFalse();
        assertThat(store.blob(s1, a.id())).isEmpty();
        assertThat(store.usage(s1)).isEqualTo(Usage.NONE);
        assertThat(store.put(s1, k, file(70, "b"), roomy)).isEqualTo(PutResult.STORED);
    }

    @Test
    void afterDeleteSessionNothingOfTheSessionRemains() {
        KeyRecord k1 = store.keyFor(s1, key("a", Duration.ofHours(12)));
        KeyRecord k2 = store.keyFor(s2, key("b", Duration.ofHours(12)));
        for (int i = 0; i < 3; i++) {
            store.put(s1, k1, file(10, "s1-" + i), roomy);
        }
        StoredFile other = file(10, "s2");
        store.put(s2, k2, other, roomy);
        store.deleteSession(s1);
        assertNothingHeldOf(s1);
        assertThat(store.key(s1)).isEmpty();
        assertThat(store.metas(s1)).isEmpty();
        assertThat(store.usage(s1)).isEqualTo(Usage.NONE);
        assertThat(store.blob(s2, other.id())).isPresent();
        assertThat(store.key(s2)).contains(k2);
    }

    @Test
    void expiredNamesSessionsWhoseDeadlineHasPassed() {
        store.keyFor(s1, key("a", Duration.ofHours(1)));
        store.keyFor(s2, key("b", Duration.ofHours(12)));
        Instant now = clock.instant();
        assertThat(store.expired(now)).isEmpty();
        assertThat(store.expired(now.plus(Duration.ofHours(1)))).containsExactly(s1);
        assertThat(store.expired(now.plus(Duration.ofHours(13)))).containsExactlyInAnyOrder(s1, s2);
        store.deleteSession(s1);
        assertThat(store.expired(now.plus(Duration.ofHours(13)))).containsExactly(s2);
    }
}
