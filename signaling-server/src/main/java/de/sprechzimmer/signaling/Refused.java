package de.sprechzimmer.signaling;

/** Thrown by the domain when it refuses a request; the REST layer turns it into a JSON error. */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;
    private final String detail;
    /** Set once by {@link #with}, right after construction and before the exception is thrown. */
    private transient Object extra;

    Refused(Refusal refusal, String detail) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.detail = detail;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Names a field or limit, never a value a user typed; may be null. */
    public String detail() {
        return detail;
    }

    /** Extra data for the error body (e.g. {@code validFrom}, {@code retryAfter}); null when none. */
    public Object extra() {
        return extra;
    }

    public Refused with(Object extra) {
        this.extra = extra;
        return this;
    }
}
