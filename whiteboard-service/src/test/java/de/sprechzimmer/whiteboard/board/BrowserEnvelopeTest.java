package de.sprechzimmer.whiteboard.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.error.WhiteboardException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BrowserEnvelopeTest {

    @Test
    void theFileSizeIsTheBodyLessTheEnvelope() {
        byte[] body = new byte[29 + 1000];
        body[0] = 1;
        assertThat(BrowserEnvelope.fileSize(body)).isEqualTo(1000);
        byte[] empty = new byte[29];
        empty[0] = 1;
        assertThat(BrowserEnvelope.fileSize(empty)).isZero();
    }

    @Test
    void metaMustBeBase64UrlOfAVersion1EnvelopeWithContent() {
        byte[] raw = new byte[60];
        raw[0] = 1;
        String ok = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThat(BrowserEnvelope.checkMeta(ok)).isEqualTo(ok);
        for (String bad : new String[] {"", "A", "AQ==", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[29]),
                Base64.getEncoder().encodeToString(raw).replace('A', '+') + "/", "Ä" + ok, ok + "\n"}) {
            assertThatThrownBy(() -> BrowserEnvelope.checkMeta(bad)).as(bad)
                    .isInstanceOfSatisfying(WhiteboardException.class, e -> assertThat(e.error()).isEqualTo(WhiteboardError.INVALID_META));
        }
    }

    /** Random bodies and headers: each is accepted or refused with its 400 code, nothing else ever escapes. */
    @Test
    void randomInputIsEitherAcceptedOrRefusedWithItsOwnCode() {
        Random random = new Random(20261123);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .%\u00e4\n";
        for (int i = 0; i < 20_000; i++) {
            byte[] body = new byte[random.nextInt(80)];
            random.nextBytes(body);
            if (random.nextBoolean() && body.length > 0) {
                body[0] = 1;
            }
            try {
                assertThat(BrowserEnvelope.fileSize(body)).isEqualTo(body.length - 29L);
            } catch (WhiteboardException e) {
                assertThat(e.error()).isEqualTo(WhiteboardError.INVALID_ENVELOPE);
            }
            StringBuilder meta = new StringBuilder();
            int len = random.nextInt(120);
            for (int j = 0; j < len; j++) {
                meta.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                meta.insert(0, "AQ");
            }
            try {
                assertThat(BrowserEnvelope.checkMeta(meta.toString())).isEqualTo(meta.toString());
            } catch (WhiteboardException e) {
                assertThat(e.error()).isEqualTo(WhiteboardError.INVALID_META);
            }
        }
    }
}
