package de.sprechzimmer.whiteboard.crypto;

import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.nio.charset.StandardCharsets;

/**
 * Additional authenticated data: binds each sealed item to what it is and where it belongs, so a blob copied
 * to another file or session, or a metadata record swapped for a blob, fails to open. Ids have a fixed
 * alphabet without NUL, so the NUL separators make the encoding unambiguous.
 */
public final class Aad {

    private Aad() {
    }

    public static byte[] sessionKey(SessionId session) {
        return bytes("sz-wb-key-v1", session.value());
    }

    public static byte[] blob(SessionId session, FileId file) {
        return bytes("sz-wb-blob-v1", session.value(), file.value());
    }

    public static byte[] meta(SessionId session, FileId file) {
        return bytes("sz-wb-meta-v1", session.value(), file.value());
    }

    private static byte[] bytes(String... parts) {
        return String.join("\0", parts).getBytes(StandardCharsets.US_ASCII);
    }
}
