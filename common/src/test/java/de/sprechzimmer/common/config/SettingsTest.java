package de.sprechzimmer.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    static final Setting<Integer> PORT = Setting.port("http-port", 8080, "HTTP port");
    static final Setting<Duration> TTL = Setting.duration("file-ttl", Duration.ofHours(12), "TTL");
    static final Setting<String> SECRET = Setting.secret("turn-secret", "secret");
    static final Setting<Boolean> FLAG = Setting.bool("rfc5766-channels", false, "old channels");
    static final List<Setting<?>> ALL = List.of(PORT, TTL, SECRET, FLAG);

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sz.properties");
        Files.writeString(file, "http-port=7000\nfile-ttl=2h\nturn-secret=from-file-secret\n");
        Settings s = Settings.load(new String[] {"--config", file.toString(), "--http-port=9000"},
                Map.of("SPRECHZIMMER_FILE_TTL", "30m"), ALL);
        assertThat(s.get(PORT)).isEqualTo(9000);
        assertThat(s.get(TTL)).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.get(SECRET)).isEqualTo("from-file-secret");
        assertThat(s.get(FLAG)).isFalse();
        assertThat(s.source(PORT)).isEqualTo("flag --http-port");
        assertThat(s.source(TTL)).isEqualTo("environment variable SPRECHZIMMER_FILE_TTL");
    }

    @Test
    void booleanFlagWithoutValueMeansTrue() {
        Settings s = Settings.load(new String[] {"--rfc5766-channels", "--http-port", "1"}, Map.of(), ALL);
        assertThat(s.get(FLAG)).isTrue();
        assertThat(s.get(PORT)).isEqualTo(1);
    }

    @Test
    void badValuesNameTheSettingAndHideSecrets() {
        assertThatThrownBy(() -> Settings.load(new String[] {"--http-port", "eighty"}, Map.of(), ALL))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--http-port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> Settings.load(new String[0], Map.of("SPRECHZIMMER_HTTP_PORT", "70000"), ALL))
                .hasMessageContaining("SPRECHZIMMER_HTTP_PORT");
        assertThatThrownBy(() -> Settings.load(new String[] {"--htp-port", "1"}, Map.of(), ALL))
                .hasMessageContaining("Unknown flag --htp-port");
    }

    @Test
    void unknownFileKeyIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sz.properties");
        Files.writeString(file, "http-prot=1\n");
        assertThatThrownBy(() -> Settings.load(new String[0], Map.of("SPRECHZIMMER_CONFIG", file.toString()), ALL))
                .hasMessageContaining("Unknown key 'http-prot'");
    }

    @Test
    void missingRequiredSettingSaysHowToSetIt() {
        Settings s = Settings.load(new String[0], Map.of(), ALL);
        assertThat(s.optional(SECRET)).isEmpty();
        assertThatThrownBy(() -> s.get(SECRET)).hasMessageContaining("SPRECHZIMMER_TURN_SECRET");
    }

    @Test
    void durationsParseTheShortForms() {
        assertThat(Durations.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofHours(12))).isEqualTo("12h");
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableListsEverySetting() {
        String table = SettingsTable.markdown(ALL);
        assertThat(table).contains("| `--http-port` | `SPRECHZIMMER_HTTP_PORT` | `8080` |", "`12h`", "| `--turn-secret` | `SPRECHZIMMER_TURN_SECRET` |  |");
    }

    @Test
    void derivedValuesKeepTheOriginalUntouched() {
        Settings s = Settings.load(new String[0], Map.of(), ALL);
        Settings derived = s.with(SECRET, "generated-secret-123", "generated");
        assertThat(derived.get(SECRET)).isEqualTo("generated-secret-123");
        assertThat(derived.source(SECRET)).isEqualTo("generated");
        assertThat(derived.isGiven(SECRET)).isTrue();
        assertThat(s.optional(SECRET)).isEmpty();
        assertThat(s.isGiven(PORT)).isFalse();
    }
}
