package de.sprechzimmer.signaling.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the shape of a client's {@code telemetry} data before it reaches statistics: a flat object of at most
 * 24 fields, names {@code [A-Za-z][A-Za-z0-9_.-]{0,39}}, values booleans, numbers or strings of at most 64
 * characters from a harmless alphabet (kinds, versions, codecs). {@code sessionId} is dropped: statistics learn
 * the practice pseudonym instead.
 */
public final class TelemetryFields {

    static final int MAX_FIELDS = 24;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,39}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9 _.:/+-]{0,64}");

    private TelemetryFields() {
    }

    /** The fields as strings, or empty when the shape is not acceptable. */
    public static Optional<Map<String, String>> check(JsonNode data) {
        if (data == null || !data.isObject() || data.size() > MAX_FIELDS + 1) {
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("sessionId")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (!NAME.matcher(e.getKey()).matches()) {
                return Optional.empty();
            }
            if (v.isBoolean() || v.isNumber()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isTextual() && VALUE.matcher(v.asText()).matches()) {
                out.put(e.getKey(), v.asText());
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }
}
