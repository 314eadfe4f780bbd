package de.sprechzimmer.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.testing.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration mistakes stop the relay at start with a message that names the setting. */
class TurnRelayTest {

    private static TurnRelay relay(Map<String, String> overrides) {
        Map<String, String> s = new HashMap<>(Map.of("turn-listen-ip", "127.0.0.1", "turn-secret", "a-long-enough-shared-secret"));
        s.putAll(overrides);
        s.values().removeIf(String::isEmpty);
        return new TurnRelay(Settings.of(TurnSettings.all(), s), new SimpleMeterRegistry(), new ManualScheduler());
    }

    @Test
    void withoutSecretOrStaticUsersTheRelayDoesNotStart() {
        assertThatThrownBy(() -> relay(Map.of("turn-secret", ""))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-secret").hasMessageContaining("--turn-static-users");
        assertThat(relay(Map.of("turn-secret", "", "turn-static-users", "u:p"))).isNotNull();
    }

    @Test
    void malformedSettingsNameTheSetting() {
        assertThatThrownBy(() -> relay(Map.of("turn-allowed-peers", "10.0.0.0/99"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-allowed-peers");
        assertThatThrownBy(() -> relay(Map.of("turn-min-port", "60000", "turn-max-port", "50000"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port range");
        assertThatThrownBy(() -> relay(Map.of("turn-external-ip", "2001:db8::1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-relay-ip");
        assertThatThrownBy(() -> relay(Map.of("turn-relay-ip", "relay.example.org"))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> relay(Map.of("turn-secret", "short"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--turn-secret");
    }

    @Test
    void settingsListHoldsTheSharedSecretOnce() {
        assertThat(TurnSettings.all()).extracting(s -> s.name())
                .contains("turn-port", "turn-tls-port", "turn-listen-ip", "turn-relay-ip", "turn-external-ip", "turn-realm",
                        "turn-secret", "turn-allowed-peers", "turn-rfc5766-channels", "turn-min-port", "turn-max-port")
                .doesNotHaveDuplicates();
    }
}
