package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.auth.AuthFailure;
import de.sprechzimmer.turn.auth.Authenticator;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ErrorCodeAttribute;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.StunEncoder;
import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.StunMessage;
import java.util.List;

/** An authenticated request and the way to answer it: signed with the request's key, fingerprinted if it was. */
final class Request {

    final ClientLink link;
    final StunMessage message;
    final Authenticator.Authenticated auth;
    final TurnContext ctx;

    Request(ClientLink link, StunMessage message, Authenticator.Authenticated auth, TurnContext ctx) {
        this.link = link;
        this.message = message;
        this.auth = auth;
        this.ctx = ctx;
    }

    void succeed(List<RawAttribute> attributes) {
        StunMessage.Builder b = StunMessage.builder(message.type().success(), message.transactionId());
        attributes.forEach(b::add);
        send(b.build());
    }

    void fail(StunError error, List<RawAttribute> extra) {
        StunMessage.Builder b = StunMessage.builder(message.type().error(), message.transactionId())
                .add(ErrorCodeAttribute.of(error));
        extra.forEach(b::add);
        send(b.build());
    }

    void fail(StunException e) {
        fail(e.error(), List.of());
    }

    /** The live session of this 5-tuple, else 437 (RFC 8656 §8.2, §9.2, §12.2: no allocation, mismatch). */
    RelaySession session() {
        RelaySession s = link.session();
        if (s == null || !s.alive()) {
            throw new StunException(StunError.ALLOCATION_MISMATCH, "no allocation on this 5-tuple");
        }
        // RFC 8656 §5: later requests must use the credentials that created the allocation.
        if (!s.allocation().username().equals(auth.username())) {
            ctx.metrics().authFailure(AuthFailure.WRONG_CREDENTIALS);
            throw new StunException(StunError.WRONG_CREDENTIALS, "not the allocation's credentials");
        }
        return s;
    }

    private void send(StunMessage m) {
        link.send(StunEncoder.encode(link.alloc(), m, auth.integrity(), message.has(AttributeType.FINGERPRINT)));
    }
}
