package de.sprechzimmer.turn.proto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The UTF-8 text attributes: USERNAME (&lt; 513 bytes, RFC 8489 §14.3), REALM and NONCE (&lt; 763 bytes, §14.9,
 * §14.10), SOFTWARE (&lt; 763 bytes, §14.14).
 */
public final class TextAttribute {

    private TextAttribute() {
    }

    public static RawAttribute encode(int type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxLength(type)) {
            throw new IllegalArgumentException("text attribute too long");
        }
        return new RawAttribute(type, bytes);
    }

    /** The text of attribute {@code type}, empty when absent; 400 when too long or not UTF-8. */
    public static Optional<String> of(StunMessage m, int type) {
        return m.attribute(type).map(a -> {
            if (a.value().length > maxLength(type)) {
                throw StunException.badRequest("text attribute too long");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(a.value())).toString();
            } catch (CharacterCodingException e) {
                throw StunException.badRequest("text attribute not UTF-8");
            }
        });
    }

    static int maxLength(int type) {
        return type == AttributeType.USERNAME ? 512 : 762;
    }
}
