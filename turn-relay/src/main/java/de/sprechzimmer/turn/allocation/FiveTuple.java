package de.sprechzimmer.turn.allocation;

import java.net.InetSocketAddress;
import java.util.Objects;

/** The client's 5-tuple (RFC 8656 §2): what names an allocation. A typed id, never logged (it holds addresses). */
public record FiveTuple(Transport transport, InetSocketAddress client, InetSocketAddress server) {

    public FiveTuple {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    @Override
    public String toString() {
        return "FiveTuple[" + transport + "]";
    }
}
