package de.sprechzimmer.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.signaling.SignalingMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The connection handler on its own channel, for what the network cannot order on purpose. */
class WsConnectionTest {

    final ManualScheduler scheduler = new ManualScheduler();

    private EmbeddedChannel channel() {
        // No stores: these frames are answered before any store is asked.
        WsContext cx = new WsContext(null, null, null, scheduler, new SignalingMetrics(new SimpleMeterRegistry()),
                new Connections(scheduler, Duration.ofSeconds(15)), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 50, () -> (Executor) Runnable::run);
        return new EmbeddedChannel(new WsConnection(cx));
    }

    private static void handshakeDone(EmbeddedChannel ch) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Host", "praxis.example");
        ch.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws", headers, null));
    }

    private static List<JsonNode> sent(EmbeddedChannel ch) throws Exception {
        ch.runPendingTasks();
        ch.checkException();
        List<JsonNode> out = new ArrayList<>();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            if (m instanceof TextWebSocketFrame t) {
                out.add(Json.mapper().readTree(t.text()));
            }
            io.netty.util.ReferenceCountUtil.release(m);
        }
        return out;
    }

    @Test
    void aHelloReadBeforeTheHandshakeEventIsAnsweredNotDropped() throws Exception {
        EmbeddedChannel ch = channel();
        // the client's first frames, decoded before Netty reports the handshake as complete
        ch.writeInbound(new TextWebSocketFrame("{\"v\":1,\"type\":\"hello\",\"id\":\"h1\",\"data\":{}}"));
        ch.writeInbound(new TextWebSocketFrame("{\"v\":1,\"type\":\"pong\",\"id\":\"p1\",\"data\":{\"t\":1}}"));
        assertThat(sent(ch)).isEmpty();
        handshakeDone(ch);
        List<JsonNode> replies = sent(ch);
        assertThat(replies).extracting(m -> m.get("id").asText() + " " + m.get("data").get("code").asText())
                .containsExactly("h1 invalid_message", "p1 auth_required");
        ch.finishAndReleaseAll();
    }
}
