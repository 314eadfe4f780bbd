package de.sprechzimmer.common.net;

/**
 * Process-wide Netty defaults for our own {@code main} methods. Call {@link #apply()} before any Netty class is
 * loaded; this class itself uses none.
 */
public final class NettyDefaults {

    public static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private NettyDefaults() {
    }

    /**
     * Turns Netty's sampled buffer-leak tracking off unless the operator chose a level: on the relay it cost
     * about 40 % more CPU per packet (docs/turn-relay.md). {@code -Dio.netty.leakDetection.level=simple}
     * turns it back on to diagnose a leak.
     */
    public static void apply() {
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
    }
}
