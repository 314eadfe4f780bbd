package de.sprechzimmer.whiteboard.board;

import de.sprechzimmer.whiteboard.access.Member;
import de.sprechzimmer.whiteboard.access.Revocations;
import de.sprechzimmer.whiteboard.access.Standing;
import de.sprechzimmer.whiteboard.crypto.Aad;
import de.sprechzimmer.whiteboard.crypto.AtRestCipher;
import de.sprechzimmer.whiteboard.crypto.KeyWrap;
import de.sprechzimmer.whiteboard.crypto.SealedDataException;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.KeyRecord;
import de.sprechzimmer.whiteboard.store.PutResult;
import de.sprechzimmer.whiteboard.store.StoredFile;
import de.sprechzimmer.whiteboard.store.WhiteboardStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of every session: stores browser-encrypted files sealed again under the session's at-rest
 * key, enforces the limits, and deletes everything of a session at its end or hard expiry. Callers are
 * already {@link Member}s ({@link de.sprechzimmer.whiteboard.access.Access}). Runs on worker threads: it
 * seals and talks to the store synchronously.
 */
public final class Whiteboard {

    private static final Logger LOG = LoggerFactory.getLogger(Whiteboard.class);

    private final WhiteboardStore store;
    private final AtRestCipher cipher;
    private final KeyWrap keyWrap;
    private final Revocations revocations;
    private final Limits limits;
    private final Duration ttl;
    private final Clock clock;
    private final WhiteboardMetrics metrics;

    public Whiteboard(WhiteboardStore store, AtRestCipher cipher, KeyWrap keyWrap, Revocations revocations,
                      Limits limits, Duration ttl, Clock clock, WhiteboardMetrics metrics) {
        this.store = store;
        this.cipher = cipher;
        this.keyWrap = keyWrap;
        this.revocations = revocations;
        this.limits = limits;
        this.ttl = ttl;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Limits limits() {
        return limits;
    }

    /** Stores one browser envelope with its encrypted metadata header for the member's session. */
    public FileInfo upload(Member member, String meta, byte[] envelope) {
        long size = BrowserEnvelope.fileSize(envelope);
        BrowserEnvelope.checkMeta(meta);
        if (size > limits.maxFileBytes()) {
            metrics.upload("too_large");
            throw WhiteboardError.FILE_TOO_LARGE.exception();
        }
        SessionId s = member.session();
        // A second round only when the key vanished between reading and writing it (hard expiry that instant).
        for (int attempt = 0; attempt < 2; attempt++) {
            KeyRecord keyRecord = currentKey(s).orElseGet(() -> store.keyFor(s, newKeyRecord(s)));
            SecretKey key = keyWrap.unwrap(s, keyRecord.wrappedKey());
            FileId id = FileId.random();
            FileRecord record = new FileRecord(meta, size, member.participant().value(), clock.instant());
            StoredFile file = new StoredFile(id, size, cipher.seal(key, Aad.meta(s, id), record.toJson()),
                    cipher.seal(key, Aad.blob(s, id), envelope));
            PutResult result = store.put(s, keyRecord, file, limits.quota());
            switch (result) {
                case TOO_MANY_FILES -> {
                    metrics.upload("too_many_files");
                    throw WhiteboardError.TOO_MANY_FILES.exception();
                }
                case SESSION_FULL -> {
                    metrics.upload("session_full");
                    throw WhiteboardError.SESSION_FULL.exception();
                }
                case KEY_CHANGED -> {
                    if (revocations.standing(s, member.participant()) == Standing.SESSION_ENDED) {
                        metrics.upload("session_ended");
                        throw WhiteboardError.SESSION_ENDED.exception();
                    }
                    continue;
                }
                default -> {
                    // stored
                }
            }
            // The end may have been marked while this upload was in flight, after its deletion already ran:
            // then this upload removes what it just stored itself. (The end marks before it deletes, so either
            // that deletion or this check sees the file.)
            if (revocations.standing(s, member.participant()) == Standing.SESSION_ENDED) {
                deleteSession(s, "ended");
                metrics.upload("session_ended");
                throw WhiteboardError.SESSION_ENDED.exception();
            }
            metrics.upload("stored");
            metrics.uploaded(size);
            return info(id, record);
        }
        metrics.upload("store_unavailable");
        throw WhiteboardError.STORE_UNAVAILABLE.exception();
    }

    /** Every file of the member's session, oldest first, with the limits and what is used of them. */
    public Listing list(Member member) {
        SessionId s = member.session();
        Optional<KeyRecord> keyRecord = currentKey(s);
        if (keyRecord.isEmpty()) {
            return new Listing(List.of(), limits, de.sprechzimmer.whiteboard.store.Usage.NONE);
        }
        SecretKey key = keyWrap.unwrap(s, keyRecord.get().wrappedKey());
        List<FileInfo> files = new ArrayList<>();
        for (Map.Entry<FileId, byte[]> e : store.metas(s).entrySet()) {
            try {
                files.add(info(e.getKey(), FileRecord.fromJson(cipher.open(key, Aad.meta(s, e.getKey()), e.getValue()))));
            } catch (SealedDataException unreadable) {
                // Only when the session was re-keyed between the two reads; the entry is leftover of the old key.
                LOG.debug("skipped an unreadable whiteboard entry");
            }
        }
        files.sort(Comparator.comparing(FileInfo::createdAt).thenComparing(FileInfo::id));
        return new Listing(files, limits, store.usage(s));
    }

    /** One file of the member's session; {@code file_not_found} for anything else. */
    public Download download(Member member, FileId id) {
        SessionId s = member.session();
        Optional<KeyRecord> keyRecord = currentKey(s);
        Optional<byte[]> sealedMeta = store.meta(s, id);
        Optional<byte[]> sealedBlob = store.blob(s, id);
        if (keyRecord.isEmpty() || sealedMeta.isEmpty() || sealedBlob.isEmpty()) {
            metrics.download("not_found");
            throw WhiteboardError.FILE_NOT_FOUND.exception();
        }
        try {
            SecretKey key = keyWrap.unwrap(s, keyRecord.get().wrappedKey());
            FileRecord record = FileRecord.fromJson(cipher.open(key, Aad.meta(s, id), sealedMeta.get()));
            byte[] envelope = cipher.open(key, Aad.blob(s, id), sealedBlob.get());
            metrics.download("ok");
            return new Download(info(id, record), envelope);
        } catch (SealedDataException e) {
            // The session was deleted (and re-keyed) between the reads: for the caller, the file is gone.
            metrics.download("not_found");
            throw WhiteboardError.FILE_NOT_FOUND.exception();
        }
    }

    /** Removes a file; only its uploader or the doctor may. */
    public void remove(Member member, FileId id) {
        SessionId s = member.session();
        KeyRecord keyRecord = currentKey(s).orElseThrow(WhiteboardError.FILE_NOT_FOUND::exception);
        byte[] sealedMeta = store.meta(s, id).orElseThrow(WhiteboardError.FILE_NOT_FOUND::exception);
        FileRecord record;
        try {
            record = FileRecord.fromJson(cipher.open(keyWrap.unwrap(s, keyRecord.wrappedKey()), Aad.meta(s, id), sealedMeta));
        } catch (SealedDataException e) {
            throw WhiteboardError.FILE_NOT_FOUND.exception();
        }
        if (!member.isDoctor() && !record.uploadedBy().equals(member.participant().value())) {
            throw WhiteboardError.FORBIDDEN.exception();
        }
        if (!store.delete(s, id)) {
            throw WhiteboardError.FILE_NOT_FOUND.exception();
        }
    }

    /** The session ended: remember it (so its tickets stop working), then delete its key and files. */
    public void end(SessionId session) {
        revocations.sessionEnded(session);
        deleteSession(session, "ended");
    }

    public void revoke(SessionId session, ParticipantId participant) {
        revocations.participantRevoked(session, participant);
    }

    /** The hard expiry: deletes every session whose deadline has passed; returns how many. */
    public int purgeExpired() {
        List<SessionId> due = store.expired(clock.instant());
        for (SessionId s : due) {
            deleteSession(s, "expired");
        }
        revocations.purge();
        return due.size();
    }

    private void deleteSession(SessionId session, String reason) {
        long start = System.nanoTime();
        store.deleteSession(session);
        metrics.sessionDeleted(reason, Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("whiteboard session deleted ({})", reason);
    }

    /** The session's key record, unless its deadline has passed: then the session is purged on the spot. */
    private Optional<KeyRecord> currentKey(SessionId s) {
        Optional<KeyRecord> k = store.key(s);
        if (k.isPresent() && !k.get().deadline().isAfter(clock.instant())) {
            deleteSession(s, "expired");
            return Optional.empty();
        }
        return k;
    }

    private KeyRecord newKeyRecord(SessionId s) {
        return new KeyRecord(keyWrap.wrap(s, keyWrap.newSessionKey()), clock.instant().plus(ttl));
    }

    private static FileInfo info(FileId id, FileRecord r) {
        return new FileInfo(id.value(), r.size(), r.createdAt(), r.uploadedBy(), r.meta());
    }
}
