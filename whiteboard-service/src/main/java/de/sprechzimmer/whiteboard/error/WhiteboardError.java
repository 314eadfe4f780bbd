package de.sprechzimmer.whiteboard.error;

import de.sprechzimmer.common.http.HttpError;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The whiteboard API's stable error codes (what clients switch on), each with its HTTP status and a message
 * in German (default) and English. Messages hold no personal data. Listed in docs/whiteboard.md.
 */
public enum WhiteboardError {
    UNAUTHORIZED(401, "unauthorized",
            "Whiteboard-Ticket fehlt, ist ungültig oder abgelaufen.",
            "Whiteboard ticket missing, invalid or expired."),
    TICKET_REVOKED(403, "ticket_revoked",
            "Ihr Zugang zu dieser Sitzung wurde beendet.",
            "Your access to this session was revoked."),
    SESSION_ENDED(410, "session_ended",
            "Die Sitzung ist beendet; ihre Whiteboard-Dateien wurden gelöscht.",
            "The session has ended; its whiteboard files were deleted."),
    FILE_NOT_FOUND(404, "file_not_found",
            "Diese Datei gibt es nicht (mehr).",
            "No such file (any more)."),
    FORBIDDEN(403, "forbidden",
            "Nur wer die Datei hochgeladen hat oder die Sitzung leitet, kann sie entfernen.",
            "Only the uploader or the doctor can remove this file."),
    FILE_TOO_LARGE(413, "too_large",
            "Die Datei ist zu groß für das Whiteboard.",
            "The file is too large for the whiteboard."),
    SESSION_FULL(413, "session_full",
            "Der Speicherplatz des Whiteboards dieser Sitzung ist aufgebraucht. Entfernen Sie zuerst eine Datei.",
            "This session's whiteboard storage is used up. Remove a file first."),
    TOO_MANY_FILES(409, "too_many_files",
            "Das Whiteboard dieser Sitzung hat schon die höchste Zahl an Dateien. Entfernen Sie zuerst eine Datei.",
            "This session's whiteboard already holds the most files allowed. Remove a file first."),
    INVALID_META(400, "invalid_meta",
            "Der Header X-Whiteboard-Meta fehlt oder ist kein verschlüsselter Metadatenblock (base64url).",
            "Header X-Whiteboard-Meta is missing or not an encrypted metadata block (base64url)."),
    INVALID_ENVELOPE(400, "invalid_envelope",
            "Der Inhalt ist keine verschlüsselte Whiteboard-Datei (Version 1).",
            "The body is not an encrypted whiteboard file (version 1)."),
    INVALID_FILE_ID(400, "invalid_file_id",
            "Das ist keine gültige Datei-Kennung.",
            "That is not a valid file id."),
    STORE_UNAVAILABLE(503, "store_unavailable",
            "Der Whiteboard-Speicher ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.",
            "The whiteboard store is unavailable right now. Please try again shortly.");

    private final int status;
    private final String code;
    private final String german;
    private final String english;

    WhiteboardError(int status, String code, String german, String english) {
        this.status = status;
        this.code = code;
        this.german = german;
        this.english = english;
    }

    public int status() {
        return status;
    }

    /** The stable code clients see in {@code {"error": code}}. */
    public String code() {
        return code;
    }

    public String message(boolean english) {
        return english ? this.english : german;
    }

    public HttpError toHttp(boolean english) {
        return new HttpError(HttpResponseStatus.valueOf(status), code, message(english));
    }

    public WhiteboardException exception() {
        return new WhiteboardException(this);
    }
}
