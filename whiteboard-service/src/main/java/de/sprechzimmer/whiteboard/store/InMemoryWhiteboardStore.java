package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store: two maps guarded by one lock, the key records apart from the files. Each operation is
 * a few map updates (sealing happens before, outside the lock), so one lock costs nothing measurable and
 * keeps quota checks and the key-then-files deletion order trivially atomic. Hard expiry is the purge job's
 * work ({@link #expired}); the process's memory is the only copy.
 */
public final class InMemoryWhiteboardStore implements WhiteboardStore {

    private final Map<SessionId, KeyRecord> keys = new HashMap<>();
    private final Map<SessionId, SessionFiles> files = new HashMap<>();

    private static final class SessionFiles {
        final Map<FileId, StoredFile> byId = new LinkedHashMap<>();
        long bytes;
    }

    @Override
    public synchronized KeyRecord keyFor(SessionId session, KeyRecord candidate) {
        return keys.computeIfAbsent(session, s -> candidate);
    }

    @Override
    public synchronized Optional<KeyRecord> key(SessionId session) {
        return Optional.ofNullable(keys.get(session));
    }

    @Override
    public synchronized PutResult put(SessionId session, KeyRecord expectedKey, StoredFile file, Quota quota) {
        if (!expectedKey.equals(keys.get(session))) {
            return PutResult.KEY_CHANGED;
        }
        SessionFiles sf = files.computeIfAbsent(session, s -> new SessionFiles());
        if (sf.byId.size() + 1 > quota.maxFiles()) {
            return PutResult.TOO_MANY_FILES;
        }
        if (sf.bytes + file.size() > quota.maxBytes()) {
            return PutResult.SESSION_FULL;
        }
        if (sf.byId.putIfAbsent(file.id(), file) != null) {
            throw new IllegalStateException("file id collision");
        }
        sf.bytes += file.size();
        return PutResult.STORED;
    }

    @Override
    public synchronized Map<FileId, byte[]> metas(SessionId session) {
        SessionFiles sf = files.get(session);
        Map<FileId, byte[]> out = new LinkedHashMap<>();
        if (sf != null) {
            sf.byId.forEach((id, f) -> out.put(id, f.sealedMeta()));
        }
        return out;
    }

    @Override
    public synchronized Optional<byte[]> meta(SessionId session, FileId file) {
        return find(session, file).map(StoredFile::sealedMeta);
    }

    @Override
    public synchronized Optional<byte[]> blob(SessionId session, FileId file) {
        return find(session, file).map(StoredFile::sealedBlob);
    }

    private Optional<StoredFile> find(SessionId session, FileId file) {
        SessionFiles sf = files.get(session);
        return sf == null ? Optional.empty() : Optional.ofNullable(sf.byId.get(file));
    }

    @Override
    public synchronized boolean delete(SessionId session, FileId file) {
        SessionFiles sf = files.get(session);
        StoredFile removed = sf == null ? null : sf.byId.remove(file);
        if (removed == null) {
            return false;
        }
        sf.bytes -= removed.size();
        return true;
    }

    @Override
    public synchronized Usage usage(SessionId session) {
        SessionFiles sf = files.get(session);
        return sf == null ? Usage.NONE : new Usage(sf.byId.size(), sf.bytes);
    }

    @Override
    public synchronized void deleteSession(SessionId session) {
        keys.remove(session);
        files.remove(session);
    }

    @Override
    public synchronized List<SessionId> expired(Instant now) {
        return keys.entrySet().stream().filter(e -> !e.getValue().deadline().isAfter(now)).map(Map.Entry::getKey).toList();
    }

    /** Every session the store holds anything of, key or files: what a test inspects to prove deletion. */
    synchronized Set<SessionId> sessionsHeld() {
        Set<SessionId> held = new java.util.HashSet<>(keys.keySet());
        held.addAll(files.keySet());
        return held;
    }
}
