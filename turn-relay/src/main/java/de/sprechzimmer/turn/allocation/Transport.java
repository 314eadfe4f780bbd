package de.sprechzimmer.turn.allocation;

/** The transport between client and relay (RFC 8656 §3.1). The relay side is always UDP. */
public enum Transport {
    UDP,
    TCP,
    TLS;

    public boolean stream() {
        return this != UDP;
    }
}
