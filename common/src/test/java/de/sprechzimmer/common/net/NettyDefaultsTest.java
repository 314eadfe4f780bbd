package de.sprechzimmer.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyDefaultsTest {

    private final String before = System.getProperty(NettyDefaults.LEAK_DETECTION);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NettyDefaults.LEAK_DETECTION);
        } else {
            System.setProperty(NettyDefaults.LEAK_DETECTION, before);
        }
    }

    @Test
    void leakTrackingIsOffUnlessTheOperatorChoseALevel() {
        System.clearProperty(NettyDefaults.LEAK_DETECTION);
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("disabled");

        System.setProperty(NettyDefaults.LEAK_DETECTION, "paranoid");
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("paranoid");
    }
}
