package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A whole consultation, including bad input, through the real server with every log event captured: none of the
 * patient's name, the code, the tokens, the SDP's addresses or the client's address may appear in any of them.
 */
class LogPrivacyTest {

    static final String PATIENT = "Zyxwvu Privatperson";

    @Test
    void aConsultationLeavesNoPersonalDataInTheLogs() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logs);
        captured.start();
        Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger ours = logs.getLogger("de.sprechzimmer");
        Level before = ours.getLevel();
        root.addAppender(captured);
        ours.setLevel(Level.TRACE);
        String doctorToken;
        String code;
        String guestToken;
        String resume;
        try (TestServer server = TestServer.start()) {
            Rest rest = server.rest();
            doctorToken = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
            code = rest.code(doctorToken, PATIENT);
            rest.post("/api/guest/redeem", null, "{\"code\":\"" + code + "\",\"name\":\"" + PATIENT + "\",\"consent\":\"maybe\"}");
            rest.post("/api/guest/redeem", null, Map.of("code", code, "name", PATIENT, "consent", false));
            guestToken = rest.redeem(code, PATIENT);
            try (WsClient doctor = WsClient.open(server.ws()); WsClient guest = WsClient.open(server.ws())) {
                doctor.hello(doctorToken);
                JsonNode w = guest.hello(guestToken);
                resume = w.get("data").get("resumeToken").asText();
                String guestId = w.get("data").get("participantId").asText();
                guest.next("waiting-room");
                guest.sendRaw("{\"v\":1,\"type\":\"hello\",\"data\":{\"token\":\"" + guestToken + "\",\"name\":\"" + PATIENT + "\"}");
                guest.error("invalid_json");
                guest.sendRaw("{\"v\":1,\"type\":\"" + PATIENT + "\"}");
                guest.error("unknown_type");
                doctor.send("admit", Map.of("guestId", guestId));
                String sessionId = doctor.next("ok").get("data").get("sessionId").asText();
                guest.next("session");
                doctor.send("signal", Map.of("sessionId", sessionId, "to", guestId, "payload", Map.of("description",
                        Map.of("type", "offer", "sdp", "v=0\r\nc=IN IP4 10.9.8.7\r\na=candidate:1 1 udp 1 10.9.8.7 5000 typ host"))));
                guest.next("signal");
                guest.send("telemetry", Map.of("sessionId", sessionId, "note", PATIENT + " <script>"));
                guest.error("invalid_telemetry");
                assertThat(doctor.replyTo(doctor.send("end-session", Map.of("sessionId", sessionId))).get("type").asText())
                        .isEqualTo("ok");
                guest.closeCode();
            }
            try (WsClient again = WsClient.open(server.ws())) {
                again.send("hello", Map.of("resume", resume, "lastSeq", 0));
                again.error("invalid_resume");
            }
        } finally {
            root.detachAppender(captured);
            ours.setLevel(before);
        }
        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        String all = String.join("\n", lines);
        assertThat(all).as("the appender saw the server's own log lines").contains("started", "ended");
        assertThat(all).doesNotContain(PATIENT, "Zyxwvu", code, code.replace("-", ""), doctorToken, guestToken, resume,
                "10.9.8.7", "127.0.0.1");
    }
}
