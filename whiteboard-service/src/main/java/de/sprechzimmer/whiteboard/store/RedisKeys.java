package de.sprechzimmer.whiteboard.store;

import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.nio.charset.StandardCharsets;

/**
 * Every Redis key name of the whiteboard service, in one place. A session's keys share the hash tag
 * {@code {sessionId}}, so a multi-key script over them stays in one slot. Every key carries a TTL.
 *
 * <pre>
 * sz:wb:{S}:key            string  deadline (8 bytes) + wrapped session key      TTL: until the deadline
 * sz:wb:{S}:meta           hash    fileId -> sealed metadata                     TTL: until the deadline
 * sz:wb:{S}:blobs          hash    fileId -> sealed file                         TTL: until the deadline
 * sz:wb:{S}:sizes          hash    fileId -> original size (decimal)             TTL: until the deadline
 * sz:wb:{S}:usage          hash    files, bytes                                  TTL: until the deadline
 * sz:wb:deadlines          zset    sessionId scored by deadline (epoch ms)       TTL: the newest deadline
 * sz:wb:ended:{S}          string  "1": the session ended                        TTL: whiteboard-revocation-ttl
 * sz:wb:revoked:{S}:P      string  "1": participant P lost access                TTL: whiteboard-revocation-ttl
 * </pre>
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static final String PREFIX = "sz:wb:";
    static final String DEADLINES = PREFIX + "deadlines";

    static String key(SessionId s) {
        return session(s) + ":key";
    }

    static String meta(SessionId s) {
        return session(s) + ":meta";
    }

    static String blobs(SessionId s) {
        return session(s) + ":blobs";
    }

    static String sizes(SessionId s) {
        return session(s) + ":sizes";
    }

    static String usage(SessionId s) {
        return session(s) + ":usage";
    }

    /** SCAN pattern matching every data key of a session (not its revocation marker, not its index entry). */
    public static String sessionPattern(SessionId s) {
        return session(s) + ":*";
    }

    public static String ended(SessionId s) {
        return PREFIX + "ended:{" + s.value() + "}";
    }

    public static String revoked(SessionId s, ParticipantId p) {
        return PREFIX + "revoked:{" + s.value() + "}:" + p.value();
    }

    private static String session(SessionId s) {
        return PREFIX + "{" + s.value() + "}";
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }
}
