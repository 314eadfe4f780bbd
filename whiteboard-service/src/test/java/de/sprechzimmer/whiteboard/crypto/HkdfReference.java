package de.sprechzimmer.whiteboard.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 5869 written out with the JDK's HMAC, as an independent reference for one 32-byte output block. */
final class HkdfReference {

    private HkdfReference() {
    }

    static String hkdfSha256Hex(String ikm, String info) {
        try {
            // §2.2: salt not provided -> HashLen zeros. PRK = HMAC(salt, IKM).
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = extract.doFinal(ikm.getBytes(StandardCharsets.UTF_8));
            // §2.3: T(1) = HMAC(PRK, info | 0x01); L = 32 needs only T(1).
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            expand.update(info.getBytes(StandardCharsets.US_ASCII));
            expand.update((byte) 1);
            return HexFormat.of().formatHex(expand.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
