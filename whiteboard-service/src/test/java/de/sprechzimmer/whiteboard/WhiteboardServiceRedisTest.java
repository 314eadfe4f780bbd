package de.sprechzimmer.whiteboard;

import static de.sprechzimmer.whiteboard.WhiteboardClient.error;
import static de.sprechzimmer.whiteboard.WhiteboardClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.testing.ManualScheduler;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.whiteboard.board.Envelopes;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.RedisKeys;
import de.sprechzimmer.whiteboard.store.StoreInspection;
import de.sprechzimmer.whiteboard.testing.Bytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Distributed mode: two whiteboard nodes on one real Redis, session events over Redis pub/sub. */
class WhiteboardServiceRedisTest {

    static RedisServerProcess redisServer;
    static final Map<String, String> CONFIG = Map.of("whiteboard-key-secret", "cluster-wide-key-secret-for-tests");

    final ManualScheduler scheduler = new ManualScheduler();
    final SessionTickets tickets = new SessionTickets("ticket-secret-for-tests", scheduler.clock());
    final Envelopes browser = new Envelopes();
    final List<AutoCloseable> toClose = new ArrayList<>();
    RedisConnections signalingRedis;
    RedisSessionEvents signaling;
    Node a;
    Node b;
    String doctor;
    String guest;

    record Node(WhiteboardService service, WhiteboardClient client) {
    }

    @BeforeAll
    static void startRedis() {
        redisServer = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redisServer.close();
    }

    @BeforeEach
    void startNodes() throws Exception {
        signalingRedis = new RedisConnections(redisServer.url());
        signalingRedis.strings().sync().flushall();
        signaling = new RedisSessionEvents(signalingRedis);
        a = node();
        b = node();
        doctor = tickets.issue("whiteboard", "s_1", "p_doc", "doctor", Duration.ofHours(12));
        guest = tickets.issue("whiteboard", "s_1", "p_guest", "guest", Duration.ofHours(12));
    }

    Node node() throws Exception {
        RedisConnections redis = new RedisConnections(redisServer.url());
        RedisSessionEvents events = new RedisSessionEvents(redis);
        WhiteboardService service = new WhiteboardService(Settings.of(WhiteboardSettings.all(), CONFIG), scheduler,
                new SimpleMeterRegistry(), events, tickets, redis);
        Router router = new Router();
        service.routes(router);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        HttpServer server = HttpServer.builder().host("127.0.0.1").port(0).router(router).blockingWorkers(workers)
                .bodyLimit(WhiteboardService.PATH_PREFIX, service.bodyLimit()).build();
        int port = server.start().getPort();
        service.start();
        toClose.addAll(List.of(service, server, workers::shutdownNow, events, redis));
        return new Node(service, new WhiteboardClient("http://127.0.0.1:" + port));
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        signaling.close();
        signalingRedis.close();
    }

    String uploaded(Node node, String ticket, byte[] envelope) throws Exception {
        HttpResponse<byte[]> r = node.client().upload(ticket, browser.meta("f"), envelope);
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    @Test
    void aFileUploadedThroughOneNodeIsServedByTheOther() throws Exception {
        byte[] envelope = browser.file(5000);
        String id = uploaded(a, doctor, envelope);
        assertThat(json(b.client().list(guest)).get("files")).hasSize(1);
        HttpResponse<byte[]> down = b.client().download(guest, id);
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(envelope);
    }

    @Test
    void theEndOverPubSubEmptiesRedisAndEveryNodeAnswers410() throws Exception {
        String id = uploaded(a, doctor, browser.file(100));
        uploaded(b, guest, browser.file(100));
        String other = tickets.issue("whiteboard", "s_2", "p_x", "doctor", Duration.ofHours(1));
        String kept = uploaded(b, other, browser.file(100));

        signaling.publish(new SessionEvent.Ended("s_1", scheduler.clock().instant()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            scheduler.runDue();
            assertThat(error(a.client().download(doctor, id))).isEqualTo("session_ended");
            assertThat(error(b.client().list(guest))).isEqualTo("session_ended");
        });
        assertThat(StoreInspection.redisDataOf(signalingRedis, new SessionId("s_1"))).isEmpty();
        assertThat(StoreInspection.allRedisKeys(signalingRedis)).filteredOn(k -> k.contains("s_1"))
                .containsExactly(RedisKeys.ended(new SessionId("s_1")));
        assertThat(b.client().download(other, kept).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevocationSeenByAnyNodeHoldsOnEveryNode() throws Exception {
        String id = uploaded(a, doctor, browser.file(10));
        signaling.publish(new SessionEvent.ParticipantRevoked("s_1", "p_guest", scheduler.clock().instant()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            scheduler.runDue();
            assertThat(b.client().download(guest, id).statusCode()).isEqualTo(403);
        });
        assertThat(error(a.client().download(guest, id))).isEqualTo("ticket_revoked");
        assertThat(a.client().download(doctor, id).statusCode()).isEqualTo(200);
    }

    @Test
    void everyKeyHasATtlAndTheHardExpiryEmptiesRedis() throws Exception {
        uploaded(a, doctor, browser.file(100));
        for (String key : StoreInspection.allRedisKeys(signalingRedis)) {
            assertThat(signalingRedis.strings().sync().pttl(key)).as(key).isPositive()
                    .isLessThanOrEqualTo(Duration.ofHours(12).toMillis());
        }
        scheduler.advance(Duration.ofHours(12));
        assertThat(StoreInspection.redisDataOf(signalingRedis, new SessionId("s_1"))).isEmpty();
        assertThat(StoreInspection.allRedisKeys(signalingRedis)).isEmpty();
    }

    @Test
    void redisHoldsNeitherThePlaintextNorTheBrowserEnvelopeNorTheSessionKeyInTheClear() throws Exception {
        byte[] envelope = browser.file(3000);
        String id = uploaded(a, doctor, envelope);
        byte[] raw = signalingRedis.bytes().sync().hget(("sz:wb:{s_1}:blobs").getBytes(), id.getBytes());
        assertThat(raw).isNotNull();
        assertThat((long) raw.length).isEqualTo(de.sprechzimmer.whiteboard.crypto.AesGcmCipher.sealedLength(envelope.length));
        assertThat(Bytes.contains(raw, Arrays.copyOfRange(envelope, 13, 61))).isFalse();
    }

    @Test
    void redisWithoutAKeySecretIsAConfigurationError() {
        RedisConnections redis = new RedisConnections(redisServer.url());
        toClose.add(redis);
        assertThatThrownBy(() -> new WhiteboardService(Settings.of(WhiteboardSettings.all(), Map.of()), scheduler,
                new SimpleMeterRegistry(), signaling, tickets, redis))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whiteboard-key-secret");
    }
}
