package de.sprechzimmer.whiteboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.whiteboard.access.InMemoryRevocations;
import de.sprechzimmer.whiteboard.access.Member;
import de.sprechzimmer.whiteboard.access.Standing;
import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.InMemoryWhiteboardStore;
import de.sprechzimmer.whiteboard.store.KeyRecord;
import de.sprechzimmer.whiteboard.store.PutResult;
import de.sprechzimmer.whiteboard.store.Quota;
import de.sprechzimmer.whiteboard.store.StoreUnavailableException;
import de.sprechzimmer.whiteboard.store.StoredFile;
import de.sprechzimmer.whiteboard.store.Usage;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionFollowerTest {

    final ManualScheduler scheduler = new ManualScheduler();
    final FlakyStore store = new FlakyStore(new InMemoryWhiteboardStore());
    final InMemoryRevocations revocations = new InMemoryRevocations(scheduler.clock(), Duration.ofHours(24));
    final Whiteboard board = new Whiteboard(store, AesGcmCipher.INSTANCE, new KeyWrap("whiteboard-key-secret-for-tests"),
            revocations, new Limits(1000, 5000, 10), Duration.ofHours(12), scheduler.clock(),
            new WhiteboardMetrics(new SimpleMeterRegistry()));
    final SessionFollower follower = new SessionFollower(board, scheduler);
    final SessionId s1 = new SessionId("s_1");
    final Member doctor = new Member(s1, new ParticipantId("p_doc"), "doctor");
    final Envelopes browser = new Envelopes();

    @Test
    void anEndIsAppliedOnTheSchedulerNotOnTheBusThread() {
        board.upload(doctor, browser.meta("a"), browser.file(10));
        follower.accept(new SessionEvent.Ended("s_1", Instant.now()));
        assertThat(store.key(s1)).isPresent();
        scheduler.runDue();
        assertThat(store.key(s1)).isEmpty();
        assertThat(store.metas(s1)).isEmpty();
    }

    @Test
    void anEndIsRetriedWhileTheStoreIsDownAndAppliedOnceItIsBack() {
        board.upload(doctor, browser.meta("a"), browser.file(10));
        store.down = true;
        follower.accept(new SessionEvent.Ended("s_1", Instant.now()));
        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(1));
        store.down = false;
        assertThat(store.key(s1)).isPresent();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(store.key(s1)).isEmpty();
        assertThat(store.metas(s1)).isEmpty();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void retriesStopAfterTenMinutesAndLeaveTheRestToTheHardExpiry() {
        board.upload(doctor, browser.meta("a"), browser.file(10));
        store.down = true;
        follower.accept(new SessionEvent.Ended("s_1", Instant.now()));
        scheduler.advance(Duration.ofMinutes(13));
        assertThat(store.attempts).isEqualTo(1 + SessionFollower.RETRIES.size());
        assertThat(scheduler.pending()).isZero();
        store.down = false;
        assertThat(store.key(s1)).isPresent();
        scheduler.advance(Duration.ofHours(12));
        assertThat(board.purgeExpired()).isEqualTo(1);
        assertThat(store.key(s1)).isEmpty();
    }

    @Test
    void revocationsAreAppliedAndMalformedEventsIgnored() {
        follower.accept(new SessionEvent.ParticipantRevoked("s_1", "p_guest", Instant.now()));
        follower.accept(new SessionEvent.ParticipantRevoked("s_1", "p guest!", Instant.now()));
        follower.accept(new SessionEvent.Ended("{s_1}", Instant.now()));
        follower.accept(new SessionEvent.Started("s_1", Instant.now()));
        scheduler.runDue();
        assertThat(revocations.standing(s1, new ParticipantId("p_guest"))).isEqualTo(Standing.REVOKED);
        assertThat(revocations.standing(s1, new ParticipantId("p_doc"))).isEqualTo(Standing.ACTIVE);
    }

    /** A store that can be "unreachable": deleting a session fails like Redis down would. */
    static final class FlakyStore implements WhiteboardStore {
        final WhiteboardStore inner;
        volatile boolean down;
        int attempts;

        FlakyStore(WhiteboardStore inner) {
            this.inner = inner;
        }

        @Override
        public void deleteSession(SessionId session) {
            attempts++;
            if (down) {
                throw new StoreUnavailableException("down", new RuntimeException());
            }
            inner.deleteSession(session);
        }

        @Override
        public KeyRecord keyFor(SessionId session, KeyRecord candidate) {
            return inner.keyFor(session, candidate);
        }

        @Override
        public Optional<KeyRecord> key(SessionId session) {
            return inner.key(session);
        }

        @Override
        public PutResult put(SessionId session, KeyRecord expectedKey, StoredFile file, Quota quota) {
            return inner.put(session, expectedKey, file, quota);
        }

        @Override
        public Map<FileId, byte[]> metas(SessionId session) {
            return inner.metas(session);
        }

        @Override
        public Optional<byte[]> meta(SessionId session, FileId file) {
            return inner.meta(session, file);
        }

        @Override
        public Optional<byte[]> blob(SessionId session, FileId file) {
            return inner.blob(session, file);
        }

        @Override
        public boolean delete(SessionId session, FileId file) {
            return inner.delete(session, file);
        }

        @Override
        public Usage usage(SessionId session) {
            return inner.usage(session);
        }

        @Override
        public List<SessionId> expired(Instant now) {
            return inner.expired(now);
        }
    }
}
