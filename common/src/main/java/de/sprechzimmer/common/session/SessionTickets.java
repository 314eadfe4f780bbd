package de.sprechzimmer.common.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import de.sprechzimmer.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived capability tickets the signaling server hands to session members, so that other
 * services (whiteboard, statistics export) can check "this caller is participant P of session S" without
 * calling signaling or sharing its stores: {@code v1.<base64url(json)>.<base64url(HMAC-SHA256)>}.
 * Revocation (session ended, guest removed) travels on {@link SessionEvents}.
 */
public final class SessionTickets {

    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public SessionTickets(String secret, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("ticket secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    public String issue(Ticket ticket) {
        String payload = ENC.encodeToString(Json.writeBytes(ticket));
        return "v1." + payload + "." + ENC.encodeToString(mac(payload));
    }

    /** A ticket for {@code scope} valid {@code validity} from now. */
    public String issue(String scope, String sessionId, String participantId, String role, Duration validity) {
        return issue(new Ticket(scope, sessionId, participantId, role, clock.instant().plus(validity).getEpochSecond()));
    }

    /** The ticket when the signature is ours, it has not expired and its scope is {@code scope}. */
    public Optional<Ticket> verify(String token, String scope) {
        if (token == null || token.length() > 2048 || !token.startsWith("v1.")) {
            return Optional.empty();
        }
        int dot = token.indexOf('.', 3);
        if (dot < 0) {
            return Optional.empty();
        }
        String payload = token.substring(3, dot);
        try {
            byte[] sig = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sig, mac(payload))) {
                return Optional.empty();
            }
            Ticket t = Json.mapper().readValue(DEC.decode(payload), Ticket.class);
            if (!Objects.equals(t.scope(), scope) || Instant.ofEpochSecond(t.expires()).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(t);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param scope         what the ticket is for, e.g. {@code whiteboard}, {@code stats}
     * @param sessionId     the session (for stats tickets: the practice id)
     * @param participantId the participant (for stats tickets: the account id)
     * @param role          {@code doctor}, {@code guest}, {@code admin}
     * @param expires       unix seconds
     */
    public record Ticket(@JsonProperty("scp") String scope, @JsonProperty("sid") String sessionId,
                         @JsonProperty("pid") String participantId, @JsonProperty("rol") String role,
                         @JsonProperty("exp") long expires) {
    }
}
