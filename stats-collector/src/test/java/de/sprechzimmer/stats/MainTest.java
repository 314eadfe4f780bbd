package de.sprechzimmer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.testing.FreePorts;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.stats.testing.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    final HttpClient client = HttpClient.newHttpClient();

    String get(int port, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void standaloneWithRedisConsumesEventsAndAnswersOnBothPorts() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            int http = FreePorts.tcp();
            int admin = FreePorts.tcp();
            Map<String, String> env = Map.of("SPRECHZIMMER_REDIS_URL", redis.url(),
                    "SPRECHZIMMER_PSEUDONYM_SECRET", TestEvents.PSEUDONYM_SECRET,
                    "SPRECHZIMMER_TICKET_SECRET", "test-ticket-secret-0123456789");
            try (Main.Running running = Main.start(new String[] {"--stats-host", "127.0.0.1", "--stats-port", String.valueOf(http),
                    "--admin-port", String.valueOf(admin)}, env);
                 RedisConnections signaling = new RedisConnections(redis.url())) {
                assertThat(get(admin, "/health/ready")).startsWith("200").contains("\"store\":\"up\"");
                assertThat(get(http, "/stats/summary")).startsWith("401").contains("unauthorized");
                TestEvents t = new TestEvents(Clock.systemUTC());
                new RedisStatsSink(signaling).record(t.sms("doc-1", "praxis-1", Instant.now()));
                await().atMost(Duration.ofSeconds(10)).until(() -> get(admin, "/metrics").contains("stats_events_accepted_total{service=\"stats-collector\",type=\"sms.sent\"} 1.0"));
            }
        }
    }

    @Test
    void missingSecretsAreNamed() {
        assertThatThrownBy(() -> Main.start(new String[] {"--stats-port", "0", "--admin-port", "0"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--ticket-secret");
        assertThatThrownBy(() -> Main.start(new String[] {"--stats-port", "0", "--admin-port", "0", "--ticket-secret", "test-ticket-secret-0123456789"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--pseudonym-secret");
    }
}
