package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.whiteboard.ids.FileId;
import java.util.Objects;

/**
 * One file as the store keeps it. Both byte arrays are sealed under the session key; {@code size} (the
 * original file's length) is kept in the clear because the session quota is counted atomically in the store.
 * The arrays are not copied: a stored file is written once and never changed.
 */
public record StoredFile(FileId id, long size, byte[] sealedMeta, byte[] sealedBlob) {

    public StoredFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sealedMeta, "sealedMeta");
        Objects.requireNonNull(sealedBlob, "sealedBlob");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
