package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.allocation.Allocation;
import de.sprechzimmer.turn.policy.AllocationQuota;
import de.sprechzimmer.turn.policy.Bandwidth;
import de.sprechzimmer.turn.proto.AddressFamily;
import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.EvenPort;
import de.sprechzimmer.turn.proto.Lifetime;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.RequestedTransport;
import de.sprechzimmer.turn.proto.ReservationToken;
import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.XorAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Allocate (RFC 8656 §7.2). */
final class AllocateHandler {

    /** Ports tried when a bind fails because another process holds the port. */
    private static final int BIND_ATTEMPTS = 8;

    private final TurnContext ctx;
    private final SecureRandom random = new SecureRandom();

    AllocateHandler(TurnContext ctx) {
        this.ctx = ctx;
    }

    void handle(Request r) {
        // Step 1 (authentication) happened in TurnProcessor.
        // Step 2: the 5-tuple already has an allocation. A retransmission of the request that created it gets the
        // same success again; anything else is 437.
        RelaySession existing = r.link.session();
        if (existing != null && existing.alive()) {
            if (existing.allocation().createdBy(r.message.transactionId())
                    && existing.allocation().username().equals(r.auth.username())) {
                succeed(r, existing, Duration.between(ctx.clock().instant(), existing.allocation().expires()), null);
                return;
            }
            throw new StunException(StunError.ALLOCATION_MISMATCH, "5-tuple already has an allocation");
        }
        if (!r.link.beginAllocate()) {
            return; // a retransmission while the first attempt binds: the client will retransmit again
        }
        boolean handedOver = false;
        try {
            handedOver = allocate(r);
        } finally {
            if (!handedOver) {
                r.link.endAllocate();
            }
        }
    }

    /** Returns true when the relay bind is under way and will end the allocate itself. */
    private boolean allocate(Request r) {
        // Step 3: REQUESTED-TRANSPORT must be there (400) and be UDP (442).
        if (RequestedTransport.require(r.message) != RequestedTransport.UDP) {
            throw new StunException(StunError.UNSUPPORTED_TRANSPORT_PROTOCOL, "only UDP relaying");
        }
        // Step 4: DONT-FRAGMENT is refused as an unknown attribute (420) before we get here; see AttributeType.
        // Step 5: RESERVATION-TOKEN excludes EVEN-PORT and REQUESTED-ADDRESS-FAMILY.
        Optional<Long> token = ReservationToken.of(r.message);
        Optional<Boolean> evenPort = EvenPort.reserveNext(r.message);
        Optional<AddressFamily> requestedFamily = AddressFamily.requested(r.message);
        if (token.isPresent() && (evenPort.isPresent() || requestedFamily.isPresent())) {
            throw StunException.badRequest("RESERVATION-TOKEN with EVEN-PORT or REQUESTED-ADDRESS-FAMILY");
        }
        // RFC 8656 §7.2 and RFC 6156: the relayed address family; 440 when this relay has none of that family.
        AddressFamily family = requestedFamily.orElse(AddressFamily.IPV4);
        InetAddress bindIp = ctx.config().relayAddresses().bindAddress(family)
                .orElseThrow(() -> new StunException(StunError.ADDRESS_FAMILY_NOT_SUPPORTED, "no relay address of that family"));
        // Step 7 (quota): 486 when the user or the relay holds too many allocations.
        String username = r.auth.username();
        AllocationQuota.Refusal refusal = ctx.config().quota().tryAcquire(username);
        if (refusal != null) {
            ctx.metrics().quotaRefused(refusal);
            throw new StunException(StunError.ALLOCATION_QUOTA_REACHED, "allocation quota reached");
        }
        // Step 6: choose the relay port: a reserved one, an even one (possibly reserving its successor), any.
        Long newToken = evenPort.orElse(false) ? random.nextLong() : null;
        OptionalInt port;
        if (token.isPresent()) {
            port = ctx.ports().claim(token.get());
        } else if (newToken != null) {
            port = ctx.ports().acquireEvenWithReservation(newToken);
        } else {
            port = ctx.ports().acquire(evenPort.isPresent());
        }
        if (port.isEmpty()) {
            ctx.config().quota().release(username);
            ctx.metrics().portsExhausted();
            throw new StunException(StunError.INSUFFICIENT_CAPACITY, "no relay port available");
        }
        bind(r, family, bindIp, port.getAsInt(), newToken, 1);
        return true;
    }

    private void bind(Request r, AddressFamily family, InetAddress ip, int port, Long newToken, int attempt) {
        RelayHandler handler = new RelayHandler(ctx);
        ctx.sockets().open(r.link.eventLoop(), new InetSocketAddress(ip, port), handler).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                r.link.endAllocate();
                created(r, family, f.channel(), port, handler, newToken);
                return;
            }
            ctx.ports().release(port);
            OptionalInt next = attempt < BIND_ATTEMPTS && newToken == null ? ctx.ports().acquire(false) : OptionalInt.empty();
            if (next.isPresent()) {
                bind(r, family, ip, next.getAsInt(), null, attempt + 1);
            } else {
                r.link.endAllocate();
                ctx.config().quota().release(r.auth.username());
                ctx.metrics().portsExhausted();
                r.fail(StunError.INSUFFICIENT_CAPACITY, List.of());
            }
        });
    }

    private void created(Request r, AddressFamily family, Channel relay, int port, RelayHandler handler, Long newToken) {
        String username = r.auth.username();
        Duration lifetime = ctx.config().lifetimes().allocation(Lifetime.of(r.message));
        InetSocketAddress advertised = new InetSocketAddress(ctx.config().relayAddresses().advertised(family), port);
        Allocation allocation = new Allocation(r.link.fiveTuple(), username, advertised, r.message.transactionId(),
                lifetime, ctx.config().lifetimes(), ctx.clock(), ctx.counters(), ctx.config().maxPermissions());
        RelaySession[] self = new RelaySession[1];
        RelaySession session = new RelaySession(allocation, r.link, relay, advertised,
                new Bandwidth(ctx.config().maxBytesPerSecond(), ctx.clock()),
                new Bandwidth(ctx.config().maxBytesPerSecond(), ctx.clock()),
                () -> {
                    ctx.ports().release(port);
                    ctx.config().quota().release(username);
                    ctx.sessions().remove(self[0]);
                });
        self[0] = session;
        handler.attach(session);
        ctx.sessions().add(session);
        r.link.attach(session);
        succeed(r, session, lifetime, newToken);
    }

    private void succeed(Request r, RelaySession s, Duration lifetime, Long newToken) {
        List<RawAttribute> attrs = new ArrayList<>();
        attrs.add(XorAddress.encode(AttributeType.XOR_RELAYED_ADDRESS, s.advertised(), r.message.transactionId()));
        attrs.add(Lifetime.encode(lifetime));
        if (newToken != null) {
            attrs.add(ReservationToken.encode(newToken));
        }
        attrs.add(XorAddress.encode(AttributeType.XOR_MAPPED_ADDRESS, r.link.fiveTuple().client(), r.message.transactionId()));
        r.succeed(attrs);
    }
}
