package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.StatsEvent;
import java.time.Instant;
import java.util.Base64;
import de.sprechzimmer.stats.event.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        int t1 = line.indexOf('\t');
        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        if (t2 < 0) {
            throw new IllegalArgumentException("event line too short");
        }
        int end = line.indexOf('\t', t2 + 1);
        String account = line.substring(t2 + 1, end < 0 ? line.length() : end);
        List<Map.Entry<String, String>> fields = new ArrayList<>(8);
        while (end >= 0) {
            int start = end + 1;
            end = line.indexOf('\t', start);
            int stop = end < 0 ? line.length() : end;
            int eq = line.indexOf('=', start);
            if (eq <= start || eq >= stop) {
                throw new IllegalArgumentException("field without name");
            }
            fields.add(Map.entry(canonical(line.substring(start, eq)), line.substring(eq + 1, stop)));
        }
        // One immutable map, which the StatsEvent constructor then keeps as it is.
        @SuppressWarnings("unchecked")
        Map<String, String> map = Map.ofEntries(fields.toArray(Map.Entry[]::new));
        return new StatsEvent(canonical(line.substring(t1 + 1, t2)), Instant.ofEpochMilli(atMillis), account, practice, map);
    }

    /** The catalogue's own string for a name, so a million decoded events share a few dozen strings. */
    private static String canonical(String name) {
        return NAMES.getOrDefault(name, name);
    }

    private static final Map<String, String> NAMES = names();

    private static Map<String, String> names() {
        Map<String, String> m = new HashMap<>();
        for (EventType t : EventType.values()) {
            m.put(t.wire(), t.wire());
        }
        for (String f : EventType.ALL_FIELDS) {
            m.put(f, f);
        }
        m.put("p", "p");
        return Map.copyOf(m);
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
