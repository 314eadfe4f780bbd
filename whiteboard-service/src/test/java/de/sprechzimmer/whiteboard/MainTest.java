package de.sprechzimmer.whiteboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.whiteboard.board.Envelopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    static final String TICKET_SECRET = "ticket-secret-for-main-test";

    @Test
    void theStandaloneServiceServesTheApiHealthAndMetricsOnRedis() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             Main.Running running = Main.start(Settings.of(Main.settings(), Map.of(
                     "whiteboard-host", "127.0.0.1", "whiteboard-port", "0", "admin-port", "0",
                     "redis-url", redis.url(), "ticket-secret", TICKET_SECRET,
                     "whiteboard-key-secret", "key-secret-for-main-test")))) {
            String ticket = new SessionTickets(TICKET_SECRET, Clock.systemUTC())
                    .issue("whiteboard", "s_main", "p_doc", "doctor", Duration.ofMinutes(10));
            Envelopes browser = new Envelopes();
            WhiteboardClient client = new WhiteboardClient("http://127.0.0.1:" + running.httpPort());
            assertThat(client.upload(ticket, browser.meta("a"), browser.file(2000)).statusCode()).isEqualTo(201);
            assertThat(WhiteboardClient.json(client.list(ticket)).get("files")).hasSize(1);

            HttpClient http = HttpClient.newHttpClient();
            String admin = "http://127.0.0.1:" + running.adminPort();
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(admin + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"store\":\"up\"");
            String metrics = http.send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("whiteboard_uploads_total{result=\"stored\",service=\"whiteboard\"} 1.0");
            assertThat(metrics).doesNotContain("s_main", "p_doc");

            // Whiteboard use is counted by the browser through signaling: this service writes no statistics.
            try (RedisConnections r = new RedisConnections(redis.url())) {
                assertThat(r.strings().sync().exists(RedisStatsSink.STREAM)).isZero();
            }
        }
    }

    @Test
    void withoutATicketSecretTheServiceDoesNotStart() {
        assertThatThrownBy(() -> Main.start(Settings.of(Main.settings(), Map.of("whiteboard-port", "0", "admin-port", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ticket-secret");
    }
}
