package de.sprechzimmer.stats.store;

import de.sprechzimmer.common.stats.StatsEvent;
import de.sprechzimmer.stats.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The member text of one event in a Redis day set: {@code at:id TAB type TAB account (TAB name=value)*}, with
 * {@code at} the event time in epoch milliseconds (also the member's score) and {@code id} 6 random bytes, so
 * two equal events stay two members; the id is never exported. The practice is in the key. Only checked events
 * are encoded, whose names and values cannot hold a tab, a line break or (in names) an equals sign; {@link
 * #encode} still refuses them. Decoding is on the path of every exported event, hence written for speed: names
 * are matched against the catalogue without creating strings for them.
 */
final class EventLine {

    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();

    private EventLine() {
    }

    static String encode(StatsEvent e) {
        byte[] id = new byte[6];
        ThreadLocalRandom.current().nextBytes(id);
        StringBuilder sb = new StringBuilder(112).append(e.at().toEpochMilli()).append(':').append(ID.encodeToString(id))
                .append('\t').append(clean(e.type(), false)).append('\t').append(clean(e.account(), false));
        // Catalogue order first, so that decoding finds each name by one comparison.
        List<String> order = EventType.of(e.type()).map(EventType::fieldNames).orElse(List.of());
        for (String name : order) {
            String v = e.fields().get(name);
            if (v != null) {
                sb.append('\t').append(name).append('=').append(clean(v, true));
            }
        }
        e.fields().forEach((k, v) -> {
            if (!order.contains(k)) {
                sb.append('\t').append(clean(k, false)).append('=').append(clean(v, true));
            }
        });
        return sb.toString();
    }

    static StatsEvent decode(String line, String practice) {
        int colon = line.indexOf(':');
        int t1 = line.indexOf('\t');
        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        if (colon <= 0 || colon > t1 || t2 < 0) {
            throw new IllegalArgumentException("event line too short");
        }
        long at = 0;
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9' || i > 15) {
                throw new IllegalArgumentException("event line without time");
            }
            at = at * 10 + (c - '0');
        }
        String type = Names.of(line, t1 + 1, t2);
        List<String> order = EventType.of(type).map(EventType::fieldNames).orElse(List.of());
        int next = 0;
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
            String name = null;
            for (int i = next; i < order.size(); i++) {
                String candidate = order.get(i);
                if (candidate.length() == eq - start && line.startsWith(candidate, start)) {
                    name = candidate;
                    next = i + 1;
                    break;
                }
            }
            fields.add(Map.entry(name != null ? name : Names.of(line, start, eq), line.substring(eq + 1, stop)));
        }
        // One immutable map, which the StatsEvent constructor then keeps as it is.
        @SuppressWarnings("unchecked")
        Map<String, String> map = Map.ofEntries(fields.toArray(Map.Entry[]::new));
        return new StatsEvent(type, Instant.ofEpochMilli(at), account, practice, map);
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

    /** The catalogue's names (types and fields), found by a region of a line without copying it first. */
    static final class Names {
        private static final int SLOTS = 256;
        private static final String[] TABLE = new String[SLOTS];

        static {
            List<String> all = new ArrayList<>(EventType.ALL_FIELDS);
            for (EventType t : EventType.values()) {
                all.add(t.wire());
            }
            all.add("p");
            for (String name : all) {
                int slot = hash(name, 0, name.length()) & (SLOTS - 1);
                while (TABLE[slot] != null) {
                    slot = (slot + 1) & (SLOTS - 1);
                }
                TABLE[slot] = name;
            }
        }

        private Names() {
        }

        static String of(String line, int from, int to) {
            int slot = hash(line, from, to) & (SLOTS - 1);
            for (String s; (s = TABLE[slot]) != null; slot = (slot + 1) & (SLOTS - 1)) {
                if (s.length() == to - from && line.startsWith(s, from)) {
                    return s;
                }
            }
            return line.substring(from, to);
        }

        private static int hash(String s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h ^ (h >>> 16);
        }
    }
}
