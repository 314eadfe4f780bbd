package de.sprechzimmer.turn.auth;

import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.Integrity;
import de.sprechzimmer.turn.proto.MessageIntegrity;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import java.util.List;
import java.util.Optional;

/** The long-term credential mechanism (RFC 8489 §9.2) as TURN uses it (RFC 8656 §5). */
public final class Authenticator {

    private final String realm;
    private final Nonces nonces;
    private final List<Credentials> sources;

    public Authenticator(String realm, Nonces nonces, List<Credentials> sources) {
        this.realm = realm;
        this.nonces = nonces;
        this.sources = List.copyOf(sources);
    }

    public String realm() {
        return realm;
    }

    public String freshNonce() {
        return nonces.issue();
    }

    /** Who sent {@code request} and the key to sign the response with; otherwise an {@link AuthException}. */
    public Authenticated authenticate(StunMessage request) {
        // RFC 8489 §9.2.4 step 1: no integrity at all is a challenge.
        Optional<Integrity.Algorithm> algorithm = MessageIntegrity.algorithmOf(request);
        if (algorithm.isEmpty()) {
            throw new AuthException(AuthFailure.CHALLENGE);
        }
        // Step 2: integrity without USERNAME, REALM or NONCE is a bad request.
        String username;
        String requestRealm;
        String nonce;
        try {
            username = TextAttribute.of(request, AttributeType.USERNAME).orElse(null);
            requestRealm = TextAttribute.of(request, AttributeType.REALM).orElse(null);
            nonce = TextAttribute.of(request, AttributeType.NONCE).orElse(null);
        } catch (StunException malformed) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
        if (username == null || requestRealm == null || nonce == null) {
            throw new AuthException(AuthFailure.MALFORMED);
        }
        // Step 3: a nonce that is not ours or has run out is stale.
        if (!nonces.valid(nonce)) {
            throw new AuthException(AuthFailure.STALE_NONCE);
        }
        if (!realm.equals(requestRealm)) {
            throw new AuthException(AuthFailure.WRONG_REALM);
        }
        // Step 4: the username must be known.
        String password = password(username).orElseThrow(() -> new AuthException(AuthFailure.UNKNOWN_USER));
        // Step 5: the integrity must match the key.
        byte[] key = MessageIntegrity.longTermKey(username, realm, password);
        if (!MessageIntegrity.verify(request, algorithm.get(), key)) {
            throw new AuthException(AuthFailure.BAD_INTEGRITY);
        }
        return new Authenticated(username, new Integrity(algorithm.get(), key));
    }

    private Optional<String> password(String username) {
        for (Credentials c : sources) {
            Optional<String> p = c.password(username);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** An authenticated request: its username and the key its response is signed with. */
    public record Authenticated(String username, Integrity integrity) {
    }
}
