package de.sprechzimmer.whiteboard.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.whiteboard.access.Member;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.access.Standing;
import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.error.WhiteboardException;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.Usage;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import de.sprechzimmer.whiteboard.testing.Bytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whiteboard's behaviour on each store: one suite, run in memory and on a real Redis. */
abstract class WhiteboardContract {

    static final Duration TTL = Duration.ofHours(12);
    final ManualClock clock = new ManualClock();
    final Limits limits = new Limits(1000, 2500, 4);
    final Envelopes browser = new Envelopes();
    final SessionId s1 = new SessionId("s_one");
    final Member doctor = new Member(s1, new ParticipantId("p_doc"), "doctor");
    final Member guest = new Member(s1, new ParticipantId("p_guest"), "guest");
    final Member otherGuest = new Member(s1, new ParticipantId("p_other"), "guest");
    final Member stranger = new Member(new SessionId("s_two"), new ParticipantId("p_x"), "doctor");
    WhiteboardStore store;
    Revocations revocations;
    Whiteboard board;

    abstract WhiteboardStore newStore();

    abstract Revocations newRevocations();

    /** Fails unless the store holds nothing of {@code session}. */
    abstract void assertNothingHeldOf(SessionId session);

    @BeforeEach
    void create() {
        store = newStore();
        revocations = newRevocations();
        board = new Whiteboard(store, AesGcmCipher.INSTANCE, new KeyWrap("whiteboard-key-secret-for-tests"), revocations,
                limits, TTL, clock, new WhiteboardMetrics(new SimpleMeterRegistry()));
    }

    static void refused(ThrowingCallable call, WhiteboardError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WhiteboardException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void everyMemberSeesAndDownloadsWhatOneUploaded() {
        byte[] envelope = browser.file(600);
        String meta = browser.meta("Befund.pdf");
        FileInfo info = board.upload(doctor, meta, envelope);
        assertThat(info.size()).isEqualTo(600);
        assertThat(info.uploadedBy()).isEqualTo("p_doc");
        assertThat(info.createdAt()).isEqualTo(clock.instant());
        Listing listing = board.list(guest);
        assertThat(listing.files()).containsExactly(info);
        assertThat(listing.used()).isEqualTo(new Usage(1, 600));
        assertThat(listing.limits()).isEqualTo(limits);
        Download d = board.download(guest, new FileId(info.id()));
        assertThat(d.envelope()).isEqualTo(envelope);
        assertThat(d.info().meta()).isEqualTo(meta);
    }

    @Test
    void filesAreListedOldestFirst() {
        FileInfo a = board.upload(doctor, browser.meta("a"), browser.file(1));
        clock.advance(Duration.ofSeconds(5));
        FileInfo b = board.upload(guest, browser.meta("b"), browser.file(1));
        assertThat(board.list(doctor).files()).containsExactly(a, b);
    }

    @Test
    void whatTheStoreHoldsIsNeitherTheUploadNorItsMetadata() {
        byte[] envelope = browser.file(800);
        String meta = browser.meta("Hautausschlag.jpg");
        FileInfo info = board.upload(guest, meta, envelope);
        FileId id = new FileId(info.id());
        byte[] storedBlob = store.blob(s1, id).orElseThrow();
        byte[] storedMeta = store.meta(s1, id).orElseThrow();
        assertThat((long) storedBlob.length).isEqualTo(AesGcmCipher.sealedLength(envelope.length));
        assertThat(Bytes.contains(storedBlob, java.util.Arrays.copyOfRange(envelope, 13, 45))).isFalse();
        assertThat(new String(storedMeta, StandardCharsets.ISO_8859_1)).doesNotContain(meta.substring(0, 20), "p_guest");
        assertThat(new String(store.key(s1).orElseThrow().wrappedKey(), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }

    @Test
    void anotherSessionsMemberCannotReachTheFiles() {
        FileInfo info = board.upload(doctor, browser.meta("a"), browser.file(10));
        refused(() -> board.download(stranger, new FileId(info.id())), WhiteboardError.FILE_NOT_FOUND);
        refused(() -> board.remove(stranger, new FileId(info.id())), WhiteboardError.FILE_NOT_FOUND);
        assertThat(board.list(stranger).files()).isEmpty();
        assertThat(board.download(guest, new FileId(info.id())).envelope()).hasSize(10 + BrowserEnvelope.OVERHEAD);
    }

    @Test
    void theEndDeletesEverythingAndRefusesLateUploads() {
        board.upload(doctor, browser.meta("a"), browser.file(100));
        FileInfo b = board.upload(guest, browser.meta("b"), browser.file(100));
        FileInfo kept = board.upload(stranger, browser.meta("c"), browser.file(100));
        board.end(s1);
        assertNothingHeldOf(s1);
        assertThat(revocations.standing(s1, guest.participant())).isEqualTo(Standing.SESSION_ENDED);
        refused(() -> board.download(doctor, new FileId(b.id())), WhiteboardError.FILE_NOT_FOUND);
        assertThat(board.download(stranger, new FileId(kept.id())).envelope()).hasSize(100 + BrowserEnvelope.OVERHEAD);
    }

    @Test
    void anUploadThatRacesTheEndRemovesWhatItStored() {
        board.upload(doctor, browser.meta("a"), browser.file(100));
        // The end is marked, but its deletion has not run yet when this upload stores.
        revocations.sessionEnded(s1);
        refused(() -> board.upload(guest, browser.meta("late"), browser.file(100)), WhiteboardError.SESSION_ENDED);
        assertNothingHeldOf(s1);
    }

    @Test
    void theHardExpiryDeletesFilesWhenNoEndEverArrives() {
        board.upload(doctor, browser.meta("a"), browser.file(100));
        clock.advance(TTL.minusMinutes(1));
        assertThat(board.purgeExpired()).isZero();
        assertThat(board.list(doctor).files()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(board.purgeExpired()).isEqualTo(1);
        assertNothingHeldOf(s1);
        assertThat(board.list(doctor).files()).isEmpty();
    }

    @Test
    void anExpiredSessionIsPurgedOnAccessEvenBeforeThePurgeJobRuns() {
        FileInfo a = board.upload(doctor, browser.meta("a"), browser.file(100));
        clock.advance(TTL);
        refused(() -> board.download(doctor, new FileId(a.id())), WhiteboardError.FILE_NOT_FOUND);
        assertNothingHeldOf(s1);
        FileInfo fresh = board.upload(doctor, browser.meta("b"), browser.file(100));
        assertThat(board.list(guest).files()).containsExactly(fresh);
    }

    @Test
    void limitsRefuseWithTheirOwnErrorsAndStoreNothing() {
        refused(() -> board.upload(doctor, browser.meta("big"), browser.file(1001)), WhiteboardError.FILE_TOO_LARGE);
        board.upload(doctor, browser.meta("1"), browser.file(1000));
        board.upload(doctor, browser.meta("2"), browser.file(1000));
        refused(() -> board.upload(doctor, browser.meta("3"), browser.file(501)), WhiteboardError.SESSION_FULL);
        board.upload(doctor, browser.meta("3"), browser.file(500));
        board.upload(doctor, browser.meta("4"), browser.file(0));
        refused(() -> board.upload(doctor, browser.meta("5"), browser.file(0)), WhiteboardError.TOO_MANY_FILES);
        assertThat(board.list(doctor).used()).isEqualTo(new Usage(4, 2500));
    }

    @Test
    void malformedUploadsAreRefused() {
        refused(() -> board.upload(doctor, browser.meta("a"), new byte[10]), WhiteboardError.INVALID_ENVELOPE);
        byte[] wrongVersion = browser.file(10);
        wrongVersion[0] = 2;
        refused(() -> board.upload(doctor, browser.meta("a"), wrongVersion), WhiteboardError.INVALID_ENVELOPE);
        refused(() -> board.upload(doctor, null, browser.file(10)), WhiteboardError.INVALID_META);
        refused(() -> board.upload(doctor, "Befund.pdf", browser.file(10)), WhiteboardError.INVALID_META);
        refused(() -> board.upload(doctor, "AAAA", browser.file(10)), WhiteboardError.INVALID_META);
        refused(() -> board.upload(doctor, "A".repeat(3000), browser.file(10)), WhiteboardError.INVALID_META);
        assertThat(board.list(doctor).files()).isEmpty();
    }

    @Test
    void theUploaderOrTheDoctorMayRemoveAFileOthersMayNot() {
        FileInfo a = board.upload(guest, browser.meta("a"), browser.file(10));
        FileInfo b = board.upload(guest, browser.meta("b"), browser.file(10));
        refused(() -> board.remove(otherGuest, new FileId(a.id())), WhiteboardError.FORBIDDEN);
        board.remove(guest, new FileId(a.id()));
        board.remove(doctor, new FileId(b.id()));
        assertThat(board.list(guest).files()).isEmpty();
        assertThat(board.list(guest).used()).isEqualTo(Usage.NONE);
        refused(() -> board.remove(doctor, new FileId(b.id())), WhiteboardError.FILE_NOT_FOUND);
    }
}
