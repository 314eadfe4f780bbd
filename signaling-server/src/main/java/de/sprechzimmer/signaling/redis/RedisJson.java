package de.sprechzimmer.signaling.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import de.sprechzimmer.common.json.Json;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** Helpers the Redis stores share: records as JSON values, TTLs from expiry instants, Lua scripts by SHA. */
public final class RedisJson {

    /** Safety-net lifetime of keys whose end is decided by logic (sessions, participants, mailboxes). */
    public static final Duration SAFETY_TTL = Duration.ofHours(24);

    private RedisJson() {
    }

    public static String write(Object value) {
        return Json.write(value);
    }

    public static <T> Optional<T> read(String json, Class<T> type) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(json, type));
        } catch (JsonProcessingException e) {
            // no cause: a parser message may quote the stored JSON, which can hold names
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " in Redis");
        }
    }

    /** Milliseconds until {@code expiry} plus a margin (the data's own expiry decides; the TTL only cleans up), at least 1. */
    public static long ttlMillis(Instant now, Instant expiry, Duration margin) {
        return Math.max(1, Duration.between(now, expiry).plus(margin).toMillis());
    }

    /** A Lua script, sent once and then called by SHA-1. */
    public static final class Script {
        private final String text;
        private final String sha;

        public Script(String text) {
            this.text = text;
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        public <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
            try {
                return redis.evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.eval(text, type, keys, args);
            }
        }
    }
}
