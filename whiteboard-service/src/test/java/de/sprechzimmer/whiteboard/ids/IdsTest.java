package de.sprechzimmer.whiteboard.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void fileIdsAreRandom22CharacterBase64Url() {
        FileId a = FileId.random();
        assertThat(a.value()).matches("[A-Za-z0-9_-]{22}");
        assertThat(FileId.random()).isNotEqualTo(a);
        assertThat(FileId.parse(a.value())).contains(a);
        for (String bad : new String[] {null, "", "short", "A".repeat(23), "AAAAAAAAAAAAAAAAAAAA/A", "AAAAAAAAAAAAAAAAAAAA.."}) {
            assertThat(FileId.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void sessionAndParticipantIdsKeepToAKeySafeAlphabet() {
        assertThat(new SessionId("s_Ab-9").value()).isEqualTo("s_Ab-9");
        assertThat(new ParticipantId("p_1").value()).isEqualTo("p_1");
        for (String bad : new String[] {"", "a b", "s}{x", "s:1", "x".repeat(65), "s\u0000"}) {
            assertThatThrownBy(() -> new SessionId(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new ParticipantId(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
