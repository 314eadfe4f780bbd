package de.sprechzimmer.turn.allocation;

import de.sprechzimmer.turn.proto.StunError;
import de.sprechzimmer.turn.proto.StunException;
import de.sprechzimmer.turn.proto.TransactionId;
import io.netty.util.collection.IntObjectHashMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One allocation's state (RFC 8656 §2.2): its 5-tuple, the username that created it, the relayed address, its
 * expiry, permissions and channel bindings. Every lifetime is an expiry in epoch milliseconds read against the
 * injected clock ({@link Instant}s only at the API); nothing here runs a timer.
 *
 * <p>Not thread-safe by design: the server confines an allocation to the event loop of its client connection,
 * which also serves its relay socket, so the hot path takes no lock.
 */
public final class Allocation {

    private final FiveTuple fiveTuple;
    private final String username;
    private final InetSocketAddress relayed;
    private final TransactionId createdBy;
    private final Lifetimes lifetimes;
    private final Clock clock;
    private final AllocationCounters counters;
    private final int maxPermissions;

    private final Map<InetAddress, Permission> permissions = new HashMap<>();
    private final IntObjectHashMap<ChannelBinding> channelsByNumber = new IntObjectHashMap<>(4);
    private final TransportAddressMap<ChannelBinding> channelsByPeer = new TransportAddressMap<>();
    private long expiresMillis;
    private boolean deleted;

    public Allocation(FiveTuple fiveTuple, String username, InetSocketAddress relayed, TransactionId createdBy,
                      Duration lifetime, Lifetimes lifetimes, Clock clock, AllocationCounters counters, int maxPermissions) {
        this.fiveTuple = Objects.requireNonNull(fiveTuple, "fiveTuple");
        this.username = Objects.requireNonNull(username, "username");
        this.relayed = Objects.requireNonNull(relayed, "relayed");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.maxPermissions = maxPermissions;
        this.expiresMillis = clock.millis() + lifetime.toMillis();
        counters.allocations.incrementAndGet();
    }

    public FiveTuple fiveTuple() {
        return fiveTuple;
    }

    public String username() {
        return username;
    }

    public InetSocketAddress relayed() {
        return relayed;
    }

    public Instant expires() {
        return Instant.ofEpochMilli(expiresMillis);
    }

    /** RFC 8656 §7.2 step 2: a retransmitted Allocate carries the transaction id of the one that created this. */
    public boolean createdBy(TransactionId tid) {
        return createdBy.equals(tid);
    }

    /** Checked for every relayed packet, so every expiry here is epoch millis, not an Instant. */
    public boolean expired() {
        return deleted || expiresMillis <= clock.millis();
    }

    /**
     * RFC 8656 §8.2: a Refresh with lifetime zero deletes the allocation; otherwise the allocation lives for the
     * computed lifetime from now. Returns the lifetime granted, zero when deleted.
     */
    public Duration refresh(Optional<Duration> requested) {
        if (requested.isPresent() && requested.get().isZero()) {
            delete();
            return Duration.ZERO;
        }
        Duration granted = lifetimes.allocation(requested);
        expiresMillis = clock.millis() + granted.toMillis();
        return granted;
    }

    /** Ends the allocation now; its permissions and channels go with it. Idempotent. */
    public void delete() {
        if (deleted) {
            return;
        }
        deleted = true;
        counters.allocations.decrementAndGet();
        counters.permissions.addAndGet(-permissions.size());
        counters.channels.addAndGet(-channelsByNumber.size());
        permissions.clear();
        channelsByNumber.clear();
        channelsByPeer.clear();
    }

    /** RFC 8656 §9.2: installs or refreshes the permission for {@code peer}'s IP address for 300 s. */
    public void permit(InetAddress peer) {
        permission(peer);
    }

    private Permission permission(InetAddress peer) {
        long expires = clock.millis() + lifetimes.permission().toMillis();
        Permission p = permissions.get(peer);
        if (p != null) {
            p.extendTo(expires);
            return p;
        }
        if (permissions.size() >= maxPermissions) {
            throw new StunException(StunError.INSUFFICIENT_CAPACITY, "too many permissions on this allocation");
        }
        p = new Permission(peer, expires);
        permissions.put(peer, p);
        counters.permissions.incrementAndGet();
        // Bindings to this address may still hold the lapsed permission it replaces (swept since).
        for (ChannelBinding b : channelsByNumber.values()) {
            if (b.peer().getAddress().equals(peer)) {
                b.permission(p);
            }
        }
        return p;
    }

    /** Whether a live permission covers {@code peer}'s IP address (Send indications, peers without a channel). */
    public boolean permitted(InetAddress peer) {
        Permission p = permissions.get(peer);
        return p != null && p.liveAt(clock.millis());
    }

    /** Whether a live permission covers the peer of {@code binding}, one of this allocation's (no lookup). */
    public boolean permitted(ChannelBinding binding) {
        return !deleted && binding.permission().liveAt(clock.millis());
    }

    /**
     * RFC 8656 §12.2: binds {@code number} to {@code peer} for 600 s, or refreshes that binding; also installs or
     * refreshes the permission for the peer's IP. 400 when the number is out of range or either side is
     * already bound to something else.
     */
    public void bind(int number, InetSocketAddress peer) {
        if (!lifetimes.validChannel(number)) {
            throw StunException.badRequest("channel number out of range");
        }
        long now = clock.millis();
        ChannelBinding byNumber = live(channelsByNumber.get(number), now);
        ChannelBinding byPeer = live(channelsByPeer.get(peer), now);
        if (byNumber != null && !byNumber.peer().equals(peer)) {
            throw StunException.badRequest("channel already bound to another peer");
        }
        if (byPeer != null && byPeer.number() != number) {
            throw StunException.badRequest("peer already bound to another channel");
        }
        Permission permission = permission(peer.getAddress());
        ChannelBinding fresh = new ChannelBinding(number, peer, now + lifetimes.channel().toMillis(), permission);
        ChannelBinding old = channelsByNumber.put(number, fresh);
        if (old != null && !old.peer().equals(peer)) {
            channelsByPeer.remove(old.peer()); // an expired binding being reused for another peer
        }
        channelsByPeer.put(peer, fresh);
        if (old == null) {
            counters.channels.incrementAndGet();
        }
    }

    /** The live binding of channel {@code number}, or {@code null}. */
    public ChannelBinding channel(int number) {
        return live(channelsByNumber.get(number), clock.millis());
    }

    /** The live binding for {@code peer}, or {@code null}. */
    public ChannelBinding channelFor(InetSocketAddress peer) {
        return live(channelsByPeer.get(peer), clock.millis());
    }

    public int permissionCount() {
        return permissions.size();
    }

    public int channelCount() {
        return channelsByNumber.size();
    }

    /** Drops lapsed permissions and channel bindings, so that memory follows what is live. */
    public void sweep() {
        long now = clock.millis();
        for (Iterator<Permission> it = permissions.values().iterator(); it.hasNext(); ) {
            if (!it.next().liveAt(now)) {
                it.remove();
                counters.permissions.decrementAndGet();
            }
        }
        for (Iterator<ChannelBinding> it = channelsByNumber.values().iterator(); it.hasNext(); ) {
            ChannelBinding b = it.next();
            if (!b.liveAt(now)) {
                it.remove();
                channelsByPeer.remove(b.peer());
                counters.channels.decrementAndGet();
            }
        }
    }

    private static ChannelBinding live(ChannelBinding b, long now) {
        return b != null && b.liveAt(now) ? b : null;
    }

    @Override
    public String toString() {
        return "Allocation[" + fiveTuple.transport() + "]"; // no addresses, no username: logs hold no personal data
    }
}
