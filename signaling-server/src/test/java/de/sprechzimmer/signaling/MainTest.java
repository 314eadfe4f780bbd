package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.stats.RedisStatsSink;
import de.sprechzimmer.common.testing.FreePorts;
import de.sprechzimmer.signaling.redis.RedisFixture;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone signaling server ({@code java -jar}), as the distributed mode runs it. */
class MainTest {

    static final String PSEUDONYM_SECRET = "pseudonym-secret-for-main-test-0123";

    @Test
    void withRedisTheStatisticsGoOntoTheCollectorsIngestStream() throws Exception {
        RedisConnections redis = RedisFixture.fresh();
        String[] args = {"--http-host", "127.0.0.1", "--http-port", "0", "--admin-host", "127.0.0.1",
                "--admin-port", String.valueOf(FreePorts.tcp()), "--bootstrap-login", TestServer.ADMIN,
                "--bootstrap-password", TestServer.PASSWORD};
        Map<String, String> env = Map.of("SPRECHZIMMER_REDIS_URL", RedisFixture.server().url(),
                "SPRECHZIMMER_PSEUDONYM_SECRET", PSEUDONYM_SECRET,
                "SPRECHZIMMER_TICKET_SECRET", TestServer.TICKET_SECRET,
                "SPRECHZIMMER_TURN_SECRET", TestServer.TURN_SECRET);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Main.Running running = Main.start(args, env, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            Rest rest = new Rest("http://127.0.0.1:" + running.httpPort());
            String token = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
            String accountId = rest.get("/api/me", token).body().get("id").asText();
            String practiceId = rest.get("/api/me", token).body().get("practiceId").asText();

            await().atMost(Duration.ofSeconds(10)).until(() -> !logins(redis).isEmpty());
            StreamMessage<String, String> entry = logins(redis).get(0);
            Pseudonymizer pseudonyms = new Pseudonymizer(PSEUDONYM_SECRET);
            assertThat(entry.getBody()).containsEntry("a", pseudonyms.pseudonym("account", accountId))
                    .containsEntry("p", pseudonyms.pseudonym("practice", practiceId))
                    .containsEntry("f.role", "admin").containsEntry("f.ip", "127.0.0.0");
            assertThat(entry.getBody().values()).noneMatch(v -> v.contains(accountId) || v.equals("127.0.0.1"));
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("Sprechzimmer signaling ready");
        }
    }

    private static List<StreamMessage<String, String>> logins(RedisConnections redis) {
        return redis.strings().sync().xrange(RedisStatsSink.STREAM, Range.create("-", "+")).stream()
                .filter(m -> "login".equals(m.getBody().get("t"))).toList();
    }

    @Test
    void withRedisEveryNodeNeedsTheSharedSecrets() {
        Map<String, String> env = Map.of("SPRECHZIMMER_REDIS_URL", RedisFixture.server().url(),
                "SPRECHZIMMER_TICKET_SECRET", TestServer.TICKET_SECRET);
        assertThatThrownBy(() -> Main.start(new String[] {"--http-port", "0"}, env, System.out))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--pseudonym-secret")
                .hasMessageContaining("--turn-secret").hasMessageNotContaining("--ticket-secret");
    }
}
