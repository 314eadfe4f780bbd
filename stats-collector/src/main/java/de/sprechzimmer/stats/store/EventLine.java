package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The member text of one event in a Redis day set: {@code id TAB type TAB account (TAB name=value)*}. The time
 * is the member's score and the practice is in the key, so neither is repeated. The random {@code id} keeps
 * two equal events apart in the set; it is never exported. Only checked events are encoded, whose names and
 * values cannot hold a tab, a line break or (in names) an equals sign; {@link #encode} still refuses them.
 */
final class EventLine {

    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();

    private EventLine() {
    }

    static String encode(StatsEvent e) {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        StringBuilder sb = new StringBuilder(96).append(ID.encodeToString(id)).append('\t')
                .append(clean(e.type(), false)).append('\t').append(clean(e.account(), false));
        e.fields().forEach((k, v) -> sb.append('\t').append(clean(k, false)).append('=').append(clean(v, true)));
        return sb.toString();
    }

    static StatsEvent decode(String line, long atMillis, String practice) {
        String[] parts = line.split("\t", -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("event line too short");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 3; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("field without name");
            }
            fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return new StatsEvent(parts[1], Instant.ofEpochMilli(atMillis), parts[2], practice, fields);
    }

    private static String clean(String s, boolean value) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r' || (!value && c == '=')) {
                throw new IllegalArgumentException("character not allowed in a stored event");
            }
        }
        return s;
    }
}
