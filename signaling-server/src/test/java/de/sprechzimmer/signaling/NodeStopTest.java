package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.sprechzimmer.signaling.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signaling node that stops without letting its participants go (killed, frozen, cut off): the other nodes take
 * them over once its lease has run out, and they leave the waiting list when their resume window ends, instead of
 * staying listed until Redis's safety TTL (24 h). Node A's scheduler never moves here: its timers and lease
 * renewals are as dead as a killed process's; node B's moves the shared clock.
 */
class NodeStopTest {

    /** The lease (30 s) plus one renewal (10 s): by then node B has taken node A over. */
    private static final Duration LEASE_LAPSED = Duration.ofSeconds(40);
    private static final Duration RESUME_WINDOW = Duration.ofSeconds(30);

    TwoNodes nodes;
    TestServer nodeA;
    TestServer nodeB;

    @BeforeEach
    void start() throws Exception {
        // No heartbeat closes while the clock jumps minutes ahead.
        nodes = new TwoNodes(Map.of("heartbeat-interval", "PT1H", "resume-window", "PT30S"));
        nodeA = nodes.nodeA;
        nodeB = nodes.nodeB;
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aGuestConnectedToAStoppedNodeLeavesTheWaitingListOnceItsLeaseAndTheResumeWindowHaveRunOut() throws Exception {
        String doctorToken = nodeB.rest().login(TestServer.ADMIN, TestServer.PASSWORD);
        String guestToken = nodeB.rest().redeem(nodeB.rest().code(doctorToken, "Erika"), "Erika");
        try (WsClient doctor = WsClient.open(nodeB.ws()); WsClient guest = WsClient.open(nodeA.ws())) {
            doctor.hello(doctorToken);
            doctor.next("waiting");
            String guestId = guest.hello(guestToken).get("data").get("participantId").asText();
            guest.next("waiting-room");
            assertThat(guestIds(doctor.next("waiting"))).containsExactly(guestId);

            // Node A stops renewing its lease. Within the lease it still counts as alive: nothing changes.
            nodeB.scheduler.advance(Duration.ofSeconds(20));
            Thread.sleep(300); // the renewal runs on node B's workers
            assertThat(droppedUntil(guestId)).isNull();
            assertThat(doctor.drain()).noneMatch(m -> m.get("type").asText().equals("waiting"));

            // After the lease node B takes the guest over: dropped, with a resume window from now.
            nodeB.scheduler.advance(LEASE_LAPSED.minusSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> droppedUntil(guestId) != null);
            assertThat(droppedUntil(guestId)).isEqualTo((double) nodeB.scheduler.clock().millis() + RESUME_WINDOW.toMillis());
            assertThat(doctor.drain()).noneMatch(m -> m.get("type").asText().equals("waiting"));

            // The window passes without a resume: the doctor sees the guest go.
            nodeB.scheduler.advance(RESUME_WINDOW.plus(Duration.ofSeconds(40)));
            assertThat(guestIds(doctor.next("waiting"))).isEmpty();

            // Node A comes back to life (it was only frozen): it finds its lease taken over and closes its
            // connections with 1001, so that their clients reconnect (and a guest within its window resumes).
            nodeA.scheduler.advance(Duration.ofSeconds(10));
            assertThat(guest.closeCode()).isEqualTo(1001);
        }
    }

    @Test
    void aGuestDroppedFromAStoppedNodeLeavesTheWaitingListWhenItsResumeWindowEndsThere() throws Exception {
        String doctorToken = nodeB.rest().login(TestServer.ADMIN, TestServer.PASSWORD);
        String guestToken = nodeB.rest().redeem(nodeB.rest().code(doctorToken, "Erika"), "Erika");
        try (WsClient doctor = WsClient.open(nodeB.ws())) {
            doctor.hello(doctorToken);
            doctor.next("waiting");
            String guestId;
            try (WsClient guest = WsClient.open(nodeA.ws())) {
                guestId = guest.hello(guestToken).get("data").get("participantId").asText();
                guest.next("waiting-room");
                assertThat(guestIds(doctor.next("waiting"))).containsExactly(guestId);
                // The network fails; node A notes the drop and sets its timer for the end of the window, which
                // never fires: node A stops right after.
                guest.abort();
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> droppedUntil(guestId) != null);
            }

            // Within the window and the grace after it (one lease) the guest keeps its place.
            nodeB.scheduler.advance(RESUME_WINDOW.plus(Duration.ofSeconds(20)));
            Thread.sleep(300); // the sweep runs on node B's workers
            assertThat(doctor.drain()).noneMatch(m -> m.get("type").asText().equals("waiting"));

            nodeB.scheduler.advance(Duration.ofSeconds(20));
            assertThat(guestIds(doctor.next("waiting"))).isEmpty();
            // and the participant is gone (just after the waiting list went out)
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> droppedUntil(guestId) == null);
        }
    }

    private static List<String> guestIds(JsonNode waiting) {
        List<String> ids = new ArrayList<>();
        waiting.get("data").get("entries").forEach(e -> ids.add(e.get("guestId").asText()));
        return ids;
    }

    /** The end of the participant's resume window as the stores index it (ms), or null while connected or gone. */
    private Double droppedUntil(String participantId) {
        return nodes.redisB.strings().sync().zscore(RedisKeys.resumeDeadlines(), participantId);
    }
}
