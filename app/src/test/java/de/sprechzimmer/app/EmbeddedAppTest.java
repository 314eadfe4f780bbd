package de.sprechzimmer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded default as a new user starts it: one process, every service, no Redis. */
class EmbeddedAppTest {

    static Sprechzimmer app;
    static String base;
    static final ByteArrayOutputStream console = new ByteArrayOutputStream();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Settings s = Settings.load(new String[] {
                "--http-host", "127.0.0.1", "--http-port", "0", "--admin-port", "0",
                "--turn-port", String.valueOf(FreePorts.tcpAndUdp()), "--turn-listen-ip", "127.0.0.1"},
                Map.of(), AppSettings.all());
        app = Sprechzimmer.start(s, new PrintStream(console, true, StandardCharsets.UTF_8));
        base = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void patientAndDoctorPagesAreServedWithStrictHeadersAndNoCookies() throws Exception {
        for (String path : new String[] {"/", "/praxis"}) {
            HttpResponse<String> r = get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).contains("<script type=\"module\"");
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'").doesNotContain("unsafe");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void firstStartPrintsOneLoginThatWorks() throws Exception {
        String out = console.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("user '([^']+)', password '([^']+)'").matcher(out);
        assertThat(m.find()).as("login line in: %s", out).isTrue();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + m.group(1) + "\",\"password\":\"" + m.group(2) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"token\"", "practice_admin", "provider");
    }

    @Test
    void whiteboardAndStatisticsAreMountedAndRefuseCallersWithoutTicket() throws Exception {
        assertThat(get(base + "/whiteboard/files").statusCode()).isEqualTo(401);
        assertThat(get(base + "/stats/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void uploadWithoutTicketIsRefusedBeforeItsBodyIsBuffered() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/whiteboard/files"))
                .header("Authorization", "Bearer v1.forged.ticket")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void adminPortServesHealthAndMetrics() throws Exception {
        String admin = "http://127.0.0.1:" + app.adminPort();
        HttpResponse<String> ready = get(admin + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"up\"");
        assertThat(get(admin + "/metrics").body()).contains("jvm_memory_used_bytes");
        assertThat(get(base + "/metrics").statusCode()).isEqualTo(404);
    }

    @Test
    void embeddedTurnRelayAnswersStunBindingOnItsPort() throws Exception {
        int port = app.turnPorts().orElseThrow().udp();
        byte[] txId = new byte[12];
        new SecureRandom().nextBytes(txId);
        ByteBuffer req = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                .putInt(0x2112A442).put(txId);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(req.array(), 20, InetAddress.getLoopbackAddress(), port));
            DatagramPacket resp = new DatagramPacket(new byte[1500], 1500);
            socket.receive(resp);
            ByteBuffer r = ByteBuffer.wrap(resp.getData(), 0, resp.getLength());
            assertThat(r.getShort() & 0xffff).as("Binding success response").isEqualTo(0x0101);
            r.getShort();
            assertThat(r.getInt()).isEqualTo(0x2112A442);
            byte[] echoed = new byte[12];
            r.get(echoed);
            assertThat(echoed).isEqualTo(txId);
        }
    }

    @Test
    void distributedModeRefusesToStartWithoutSharedSecrets() {
        Settings s = Settings.load(new String[] {"--redis-url", "redis://127.0.0.1:1"}, Map.of(), AppSettings.all());
        assertThatThrownBy(() -> Sprechzimmer.withSecrets(s, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SPRECHZIMMER_TURN_SECRET").hasMessageContaining("SPRECHZIMMER_PSEUDONYM_SECRET");
    }
}
