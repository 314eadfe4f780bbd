package de.sprechzimmer.signaling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionUsageTest {

    @Test
    void connectionIsRelayWhenAnyReportSaidRelayP2pWhenReportsCameElseUnknown() {
        assertThat(SessionUsage.of(List.of()).connection()).isEqualTo("unknown");
        assertThat(SessionUsage.of(List.of(SessionUsage.path("p2p"))).connection()).isEqualTo("p2p");
        assertThat(SessionUsage.of(List.of(SessionUsage.path("p2p"), SessionUsage.path("relay"))).connection())
                .isEqualTo("relay");
    }

    @Test
    void theRelayProtocolIsTheMostConstrainedOneSeenAndOnlyForRelayedConsultations() {
        SessionUsage u = SessionUsage.of(List.of(SessionUsage.path("relay"), SessionUsage.relayProtocol("udp"),
                SessionUsage.relayProtocol("tls"), SessionUsage.relayProtocol("tcp")));
        assertThat(u.relayProtocol()).contains("tls");
        assertThat(SessionUsage.of(List.of(SessionUsage.path("relay"))).relayProtocol()).isEmpty();
        assertThat(SessionUsage.of(List.of(SessionUsage.path("p2p"), SessionUsage.relayProtocol("udp"))).relayProtocol())
                .isEmpty();
    }

    @Test
    void featuresComeInCatalogueOrderWithoutRepeats() {
        SessionUsage u = SessionUsage.of(List.of(SessionUsage.feature(Feature.SCREENSHOT), SessionUsage.feature(Feature.CHAT),
                SessionUsage.feature(Feature.WHITEBOARD), SessionUsage.feature(Feature.CHAT)));
        assertThat(u.featureList()).isEqualTo("whiteboard,chat,screenshot");
        assertThat(SessionUsage.NONE.featureList()).isNull();
    }

    @Test
    void guestsAreCountedOnceAndStrangeMarksAreIgnored() {
        ParticipantId a = ParticipantId.random();
        SessionUsage u = SessionUsage.of(List.of(SessionUsage.guest(a), SessionUsage.guest(a), "x", "p:sideways",
                "f:telepathy", "r:carrier-pigeon", "q:1"));
        assertThat(u.guests()).containsExactly(a);
        assertThat(u.connection()).isEqualTo("unknown");
        assertThat(u.features()).isEmpty();
    }

    @Test
    void marksAreMadeOnlyFromTheVocabulary() {
        assertThatThrownBy(() -> SessionUsage.path("sideways")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionUsage.relayProtocol("quic")).isInstanceOf(IllegalArgumentException.class);
    }
}
