package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where whiteboard files live while their session lives: {@link InMemoryWhiteboardStore} (embedded) or
 * {@link RedisWhiteboardStore} (distributed). Holds only sealed bytes; the key record is kept apart from the
 * files and deleted first. Both pass {@code WhiteboardStoreContract}.
 */
public interface WhiteboardStore {

    /** The session's key record; when there is none, {@code candidate} becomes it (atomically: one winner). */
    KeyRecord keyFor(SessionId session, KeyRecord candidate);

    Optional<KeyRecord> key(SessionId session);

    /**
     * Stores {@code file} if the session's key is still {@code expectedKey} and the quota allows it, all or
     * nothing. Every stored item expires with the key's deadline.
     */
    PutResult put(SessionId session, KeyRecord expectedKey, StoredFile file, Quota quota);

    /** The sealed metadata of every file of the session, by file id. */
    Map<FileId, byte[]> metas(SessionId session);

    Optional<byte[]> meta(SessionId session, FileId file);

    Optional<byte[]> blob(SessionId session, FileId file);

    /** Removes one file and frees its quota; false when there was none. */
    boolean delete(SessionId session, FileId file);

    Usage usage(SessionId session);

    /** Removes everything of the session: the key record first (making any leftover unreadable), then the files. */
    void deleteSession(SessionId session);

    /** Sessions whose hard-expiry deadline is at or before {@code now}. */
    List<SessionId> expired(Instant now);
}
