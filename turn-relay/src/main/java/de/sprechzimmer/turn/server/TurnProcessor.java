package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.auth.AuthException;
import de.sprechzimmer.turn.auth.AuthFailure;
import de.sprechzimmer.turn.auth.Authenticator;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ErrorCodeAttribute;
import de.sprechzimmer.turn.proto.Fingerprint;
import de.sprechzimmer.turn.proto.MessageClass;
import de.sprechzimmer.turn.proto.Method;
import de.sprechzimmer.turn.proto.StunDecoder;
import de.sprechzimmer.turn.proto.StunEncoder;
import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import de.sprechzimmer.turn.proto.UnknownAttributes;
import de.sprechzimmer.turn.proto.XorAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;


/**
 * Everything a client sends, whatever the transport: STUN requests and indications (decoded, authenticated,
 * dispatched to one handler per method) and ChannelData (relayed in place). Runs on the client link's event
 * loop. Bad input is answered with 400 when it is a request, dropped otherwise; it never throws.
 */
final class TurnProcessor {

    private final TurnContext ctx;
    private final AllocateHandler allocate;

    TurnProcessor(TurnContext ctx) {
        this.ctx = ctx;
        this.allocate = new AllocateHandler(ctx);
    }

    TurnContext context() {
        return ctx;
    }

    /** A STUN message from the client; {@code buf} stays the caller's. */
    void onStun(ClientLink link, ByteBuf buf) {
        StunMessage m;
        try {
            m = StunDecoder.decode(buf);
        } catch (StunException e) {
            ctx.metrics().dropped(TurnMetrics.Drop.MALFORMED);
            // RFC 8489 §6.3.1: a request we cannot parse still gets its 400 when its header is readable.
            StunDecoder.requestHeader(buf).ifPresent(h ->
                    link.send(Unpooled.wrappedBuffer(StunEncoder.badRequest(h, StunError.BAD_REQUEST.reason()))));
            return;
        }
        // RFC 8489 §7.3: a wrong FINGERPRINT means this is not STUN (or was damaged): silently discard.
        if (Fingerprint.check(m).orElse(true) == Boolean.FALSE) {
            ctx.metrics().dropped(TurnMetrics.Drop.MALFORMED);
            return;
        }
        if (m.messageClass() == MessageClass.INDICATION && m.method() == Method.SEND) {
            SendHandler.handle(link, m, ctx);
        } else if (m.messageClass() == MessageClass.REQUEST) {
            onRequest(link, m);
        }
        // Responses and other indications are not for a server: dropped (RFC 8489 §6.3.2, §6.3.3).
    }

    /** A ChannelData message from the client on {@code session} (may be {@code null}); {@code buf} stays the caller's. */
    void onChannelData(RelaySession session, ByteBuf buf) {
        ChannelDataHandler.handle(session, buf, ctx);
    }

    private void onRequest(ClientLink link, StunMessage m) {
        if (m.method() == Method.BINDING) {
            // RFC 8656 §4: Binding needs no authentication; it serves server-reflexive discovery on the same port.
            send(link, m, StunMessage.builder(m.type().success(), m.transactionId())
                    .add(XorAddress.encode(AttributeType.XOR_MAPPED_ADDRESS, link.fiveTuple().client(), m.transactionId()))
                    .build());
            return;
        }
        Authenticator.Authenticated auth;
        try {
            auth = ctx.auth().authenticate(m);
        } catch (AuthException e) {
            challenge(link, m, e.failure());
            return;
        }
        Request r = new Request(link, m, auth, ctx);
        List<Integer> unknown = m.unknownComprehensionRequired();
        if (!unknown.isEmpty()) {
            r.fail(StunError.UNKNOWN_ATTRIBUTE, List.of(UnknownAttributes.encode(unknown)));
            return;
        }
        try {
            switch (m.method()) {
                case ALLOCATE -> allocate.handle(r);
                case REFRESH -> RefreshHandler.handle(r);
                case CREATE_PERMISSION -> CreatePermissionHandler.handle(r);
                case CHANNEL_BIND -> ChannelBindHandler.handle(r);
                default -> throw StunException.badRequest("not a request method");
            }
        } catch (StunException e) {
            r.fail(e);
        }
    }

    /** 401 and 438 carry REALM and a fresh NONCE and no integrity (RFC 8489 §9.2.4); 400 carries neither. */
    private void challenge(ClientLink link, StunMessage m, AuthFailure failure) {
        ctx.metrics().authFailure(failure);
        StunMessage.Builder b = StunMessage.builder(m.type().error(), m.transactionId()).add(ErrorCodeAttribute.of(failure.error()));
        if (failure.error() != StunError.BAD_REQUEST) {
            b.add(TextAttribute.encode(AttributeType.REALM, ctx.auth().realm()));
            b.add(TextAttribute.encode(AttributeType.NONCE, ctx.auth().freshNonce()));
        }
        send(link, m, b.build());
    }

    private static void send(ClientLink link, StunMessage request, StunMessage response) {
        link.send(StunEncoder.encode(link.alloc(), response, null, request.has(AttributeType.FINGERPRINT)));
    }
}
