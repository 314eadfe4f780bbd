package de.sprechzimmer.turn.proto;

/** STUN/TURN methods this relay knows (RFC 8489 §18.2, RFC 8656 §17). */
public enum Method {
    BINDING(0x001),
    ALLOCATE(0x003),
    REFRESH(0x004),
    SEND(0x006),
    DATA(0x007),
    CREATE_PERMISSION(0x008),
    CHANNEL_BIND(0x009);

    private final int code;

    Method(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The method with this 12-bit code, or {@code null} for one this relay does not implement. */
    static Method of(int code) {
        for (Method m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
