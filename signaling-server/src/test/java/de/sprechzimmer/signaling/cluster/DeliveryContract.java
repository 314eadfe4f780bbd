package de.sprechzimmer.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Delivery} must do. {@link #home()} is the node holding the socket, {@link #away()} a node
 * that sends to it (the same object in memory, two nodes sharing one Redis otherwise).
 */
abstract class DeliveryContract {

    abstract Delivery home();

    abstract Delivery away();

    static String body(String id) {
        return Codec.event(new ServerMessage.PeerLeft(id));
    }

    @Test
    void eventsAreNumberedKeptAndPushedInOrder() throws Exception {
        ParticipantId p = ParticipantId.random();
        RecordingSocket s = RecordingSocket.live("c1");
        home().attach(p, s);
        assertThat(away().deliver(p, body("p_a"))).isEqualTo(1);
        assertThat(away().deliver(p, body("p_b"))).isEqualTo(2);
        assertThat(s.next()).isEqualTo(Codec.frame(1, body("p_a")));
        assertThat(s.next()).isEqualTo(Codec.frame(2, body("p_b")));
        assertThat(away().replay(p, 1)).containsExactly(Codec.frame(2, body("p_b")));
    }

    @Test
    void eventsWhileDetachedAreReplayedOnTheNextSocket() throws Exception {
        ParticipantId p = ParticipantId.random();
        RecordingSocket first = RecordingSocket.live("c1");
        home().attach(p, first);
        away().deliver(p, body("p_a"));
        assertThat(first.next()).contains("p_a");
        home().detach(p, first);
        away().deliver(p, body("p_b"));
        away().deliver(p, body("p_c"));
        RecordingSocket second = new RecordingSocket("c2");
        away().attach(p, second);
        List<String> missed = away().replay(p, 1);
        second.release(missed);
        assertThat(second.next()).isEqualTo(Codec.frame(2, body("p_b")));
        assertThat(second.next()).isEqualTo(Codec.frame(3, body("p_c")));
        assertThat(first.frames).isEmpty();
    }

    @Test
    void attachingElsewhereClosesTheOldSocketWith4409() throws Exception {
        ParticipantId p = ParticipantId.random();
        RecordingSocket first = RecordingSocket.live("c1");
        home().attach(p, first);
        away().attach(p, RecordingSocket.live("c2"));
        assertThat(first.nextClose()).isEqualTo(4409);
    }

    @Test
    void closeReachesTheSocketAfterEarlierEvents() throws Exception {
        ParticipantId p = ParticipantId.random();
        RecordingSocket s = RecordingSocket.live("c1");
        home().attach(p, s);
        away().deliver(p, body("p_a"));
        away().close(p, 4403);
        assertThat(s.nextClose()).isEqualTo(4403);
        assertThat(s.frames).hasSize(1);
    }

    @Test
    void nothingIsKeptForUnknownOrForgottenParticipants() {
        ParticipantId p = ParticipantId.random();
        assertThat(away().deliver(p, body("p_a"))).isEqualTo(-1);
        home().attach(p, RecordingSocket.live("c1"));
        home().forget(p);
        assertThat(away().deliver(p, body("p_a"))).isEqualTo(-1);
        assertThat(away().replay(p, 0)).isEmpty();
    }

    @Test
    void signalFramesCanBeDroppedFromTheMailboxAndTheRestStays() {
        ParticipantId p = ParticipantId.random();
        home().attach(p, RecordingSocket.live("c1"));
        String signal = Codec.event(new ServerMessage.Signal("s_1", "p_from", com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("candidate", "candidate:1 1 udp 1 203.0.113.7 9 typ host")));
        away().deliver(p, body("p_a"));
        away().deliver(p, signal);
        away().deliver(p, body("p_b"));
        away().deliver(p, signal);
        away().forgetSignals(p);
        assertThat(away().replay(p, 0)).containsExactly(Codec.frame(1, body("p_a")), Codec.frame(3, body("p_b")));
        // numbering goes on
        assertThat(away().deliver(p, body("p_c"))).isEqualTo(5);
        away().forgetSignals(ParticipantId.random());
    }
}
