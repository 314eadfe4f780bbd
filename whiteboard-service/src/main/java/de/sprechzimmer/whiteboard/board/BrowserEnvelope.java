package de.sprechzimmer.whiteboard.board;

import de.sprechzimmer.whiteboard.error.WhiteboardError;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The shape of what the browser uploads (docs/whiteboard.md, "Wire format"): {@code 0x01 | IV (12) |
 * AES-GCM ciphertext with 16-byte tag}, for the file body and, base64url-encoded, for the metadata header.
 * The server cannot open either; it checks only the version and the lengths, so garbage is refused early.
 */
public final class BrowserEnvelope {

    public static final byte VERSION = 1;
    /** Bytes an envelope has more than the file it carries. */
    public static final int OVERHEAD = 1 + 12 + 16;
    /** Encrypted metadata (name, type, size, ref) stays well under this; a header cannot be huge anyway. */
    static final int MAX_META_CHARS = 2048;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private BrowserEnvelope() {
    }

    /** The original file's size; {@code invalid_envelope} when the body is not a version-1 envelope. */
    static long fileSize(byte[] body) {
        if (body.length < OVERHEAD || body[0] != VERSION) {
            throw WhiteboardError.INVALID_ENVELOPE.exception();
        }
        return body.length - OVERHEAD;
    }

    /** {@code invalid_meta} unless {@code meta} is base64url (no padding) of a version-1 envelope. */
    static String checkMeta(String meta) {
        if (meta == null || meta.length() > MAX_META_CHARS || !BASE64URL.matcher(meta).matches()) {
            throw WhiteboardError.INVALID_META.exception();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(meta);
        } catch (IllegalArgumentException e) {
            throw WhiteboardError.INVALID_META.exception();
        }
        if (raw.length <= OVERHEAD || raw[0] != VERSION) {
            throw WhiteboardError.INVALID_META.exception();
        }
        return meta;
    }
}
