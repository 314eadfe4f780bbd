package de.sprechzimmer.whiteboard.ids;

import de.sprechzimmer.common.ids.Tokens;
import java.util.Optional;
import java.util.regex.Pattern;

/** A whiteboard file: 128 random bits, base64url (22 characters), chosen by the server. */
public record FileId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22}");

    public FileId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("file id must be 22 characters [A-Za-z0-9_-]");
        }
    }

    public static FileId random() {
        return new FileId(Tokens.id());
    }

    /** The id when {@code text} has the right form; empty for anything else (a path segment from a client). */
    public static Optional<FileId> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new FileId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
