package de.sprechzimmer.signaling;

/**
 * Why the server refuses a REST request: the stable error code clients switch on (docs/api.md), its HTTP
 * status, and the human-readable text in German (default) and English. Texts never hold personal data.
 */
public enum Refusal {
    INVALID_JSON("invalid_json", 400, "Die Anfrage ist kein gültiges JSON.", "The request body is not valid JSON."),
    INVALID_REQUEST("invalid_request", 400, "Die Anfrage ist unvollständig oder ungültig.", "The request is incomplete or invalid."),
    UNAUTHORIZED("unauthorized", 401, "Bitte melden Sie sich an.", "Please log in."),
    TOKEN_REVOKED("token_revoked", 401, "Der Zugang ist nicht mehr gültig.", "This access is no longer valid."),
    FORBIDDEN("forbidden", 403, "Dafür fehlt die Berechtigung.", "You are not allowed to do this."),
    NOT_FOUND("not_found", 404, "Nicht gefunden.", "Not found."),
    INVALID_CREDENTIALS("invalid_credentials", 401, "Benutzername oder Passwort ist falsch.", "Wrong login or password."),
    LOGIN_TAKEN("login_taken", 409, "Dieser Benutzername ist vergeben.", "This login is taken."),
    WEAK_PASSWORD("weak_password", 400, "Das Passwort braucht mindestens 12 Zeichen.", "The password needs at least 12 characters."),
    INVALID_VALIDITY("invalid_validity", 400, "Der Gültigkeitszeitraum ist ungültig (höchstens 30 Tage).",
            "The validity window is invalid (at most 30 days)."),
    CONSENT_REQUIRED("consent_required", 400, "Bitte bestätigen Sie die Einwilligung.", "Please give your consent."),
    INVALID_NAME("invalid_name", 400, "Bitte geben Sie Ihren Namen ein (1-100 Zeichen).", "Please enter your name (1-100 characters)."),
    INVALID_CODE("invalid_code", 404, "Der Zugangscode ist ungültig oder abgelaufen.", "The access code is invalid or expired."),
    CODE_EXPIRED("code_expired", 410, "Der Zugangscode ist abgelaufen.", "The access code has expired."),
    CODE_NOT_YET_VALID("code_not_yet_valid", 403, "Der Zugangscode ist noch nicht gültig.", "The access code is not valid yet."),
    TOO_MANY_REQUESTS("too_many_requests", 429, "Zu viele Versuche. Bitte warten Sie kurz.", "Too many attempts. Please wait a moment."),
    INTERNAL_ERROR("internal_error", 500, "Interner Fehler.", "Internal error."),
    OVERLOADED("overloaded", 503, "Der Server ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
            "The server is busy. Please try again shortly.");

    private final String code;
    private final int status;
    private final String german;
    private final String english;

    Refusal(String code, int status, String german, String english) {
        this.code = code;
        this.status = status;
        this.german = german;
        this.english = english;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String text(boolean english) {
        return english ? this.english : german;
    }

    public Refused refuse() {
        return new Refused(this, null);
    }

    /** With a detail that names the offending field (never its value). */
    public Refused refuse(String detail) {
        return new Refused(this, detail);
    }
}
