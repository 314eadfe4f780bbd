package de.sprechzimmer.whiteboard.board;

import java.time.Instant;

/**
 * A whiteboard file as clients see it in lists and upload answers.
 *
 * @param id         the file id (path segment of its download URL)
 * @param size       original file size in bytes
 * @param createdAt  when it was stored
 * @param uploadedBy participant id of the uploader (ids are random, not personal data)
 * @param meta       the browser-encrypted metadata (name, type), exactly as uploaded
 */
public record FileInfo(String id, long size, Instant createdAt, String uploadedBy, String meta) {
}
