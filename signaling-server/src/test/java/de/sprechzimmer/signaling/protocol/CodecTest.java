package de.sprechzimmer.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (ProtocolException e) {
            return e.code();
        }
    }

    @Test
    void decodesEveryClientTypeIntoItsRecord() {
        Envelope e = Codec.parse("{\"v\":1,\"type\":\"signal\",\"id\":\"c7\",\"data\":{\"sessionId\":\"s_1\",\"to\":\"p_2\","
                + "\"payload\":{\"description\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}}");
        assertThat(e.id()).isEqualTo("c7");
        ClientMessage.Signal s = (ClientMessage.Signal) Codec.message(e);
        assertThat(s.to()).isEqualTo("p_2");
        assertThat(s.payload().get("description").get("sdp").asText()).isEqualTo("v=0");
        assertThat(Codec.message(Codec.parse("{\"v\":1,\"type\":\"hello\",\"data\":{\"resume\":\"r\",\"lastSeq\":41}}")))
                .isEqualTo(new ClientMessage.Hello(null, "r", 41L));
        assertThat(Codec.message(Codec.parse("{\"v\":1,\"type\":\"admit\",\"data\":{\"guestId\":\"p_1\"}}")))
                .isEqualTo(new ClientMessage.Admit("p_1", null));
        assertThat(Codec.message(Codec.parse("{\"v\":1,\"type\":\"telemetry\",\"data\":{\"sessionId\":\"s_1\",\"relay\":true}}")))
                .isInstanceOf(ClientMessage.Telemetry.class);
    }

    @Test
    void badInputGetsTheDocumentedCodes() {
        assertThat(codeOf(() -> Codec.parse("{"))).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(codeOf(() -> Codec.parse("\"hello\""))).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(codeOf(() -> Codec.parse("{\"type\":\"hello\"}"))).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(codeOf(() -> Codec.parse("{\"v\":3,\"type\":\"hello\"}"))).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(codeOf(() -> Codec.parse("{\"v\":1,\"type\":\"nope\"}"))).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(codeOf(() -> Codec.parse("{\"v\":1,\"type\":\"hello\",\"data\":[]}"))).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(codeOf(() -> Codec.parse("{\"v\":1,\"type\":\"hello\",\"x\":1}"))).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(codeOf(() -> Codec.message(Codec.parse("{\"v\":1,\"type\":\"hello\",\"data\":{}}"))))
                .isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(codeOf(() -> Codec.message(Codec.parse("{\"v\":1,\"type\":\"admit\",\"data\":{\"guestId\":{\"a\":1}}}"))))
                .isEqualTo(ErrorCode.INVALID_MESSAGE);
        String big = "x".repeat(ClientMessage.MAX_SIGNAL_PAYLOAD_CHARS);
        assertThat(codeOf(() -> Codec.message(Codec.parse("{\"v\":1,\"type\":\"signal\",\"data\":{\"sessionId\":\"s\",\"to\":\"p\","
                + "\"payload\":{\"candidate\":\"" + big + "\"}}}")))).isEqualTo(ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void framesCarryTheirSeqAndStayValidJson() throws Exception {
        String body = Codec.event(new ServerMessage.PeerLeft("p_1"));
        String frame = Codec.frame(42, body);
        JsonNode n = Json.mapper().readTree(frame);
        assertThat(n.get("v").asInt()).isEqualTo(1);
        assertThat(n.get("seq").asLong()).isEqualTo(42);
        assertThat(n.get("type").asText()).isEqualTo("peer-left");
        assertThat(n.get("data").get("participantId").asText()).isEqualTo("p_1");
        assertThat(Codec.seqOf(frame)).isEqualTo(42);
        JsonNode reply = Json.mapper().readTree(Codec.reply("a\"b", new ServerMessage.Ok("s_1")));
        assertThat(reply.get("id").asText()).isEqualTo("a\"b");
        assertThat(reply.has("seq")).isFalse();
        assertThatThrownBy(() -> Codec.seqOf(Codec.reply(null, new ServerMessage.Ping(1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomGarbageNeverEscapesAsAnythingButAProtocolError() {
        Random r = new Random(7);
        List<String> seeds = List.of("{\"v\":1,\"type\":\"signal\",\"data\":{\"sessionId\":\"s\",\"to\":\"p\",\"payload\":{\"candidate\":{}}}}",
                "{\"v\":1,\"type\":\"hello\",\"id\":\"1\",\"data\":{\"token\":\"abc\"}}");
        for (int i = 0; i < 20_000; i++) {
            char[] c = seeds.get(i % 2).toCharArray();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                c[r.nextInt(c.length)] = (char) (32 + r.nextInt(95));
            }
            String text = new String(c);
            try {
                Codec.message(Codec.parse(text));
            } catch (ProtocolException expected) {
                assertThat(expected.code()).isNotNull();
            }
        }
    }
}
