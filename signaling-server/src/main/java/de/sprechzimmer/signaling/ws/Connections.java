package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket connections open on this node, and the server-driven heartbeat: every interval each
 * authenticated connection gets a {@code ping}; one that has sent nothing for two intervals is closed
 * (its participant then waits out the resume window). The sweep runs ten times per interval and pings each
 * connection on its own phase (from when it connected), so 10,000 pings and pongs do not all fall into one
 * moment and hold up the signals queued behind them.
 */
final class Connections {

    private final Set<WsConnection> open = ConcurrentHashMap.newKeySet();
    private final Scheduler scheduler;
    private final Duration interval;
    private Scheduler.Cancellable task;

    Connections(Scheduler scheduler, Duration interval) {
        this.scheduler = scheduler;
        this.interval = interval;
    }

    synchronized void start() {
        if (task == null) {
            Duration tick = interval.dividedBy(10).compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : interval.dividedBy(10);
            task = scheduler.scheduleAtFixedRate(tick, tick, this::beat);
        }
    }

    synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    void add(WsConnection c) {
        open.add(c);
    }

    void remove(WsConnection c) {
        open.remove(c);
    }

    int size() {
        return open.size();
    }

    void beat() {
        Instant now = scheduler.clock().instant();
        Instant silentSince = now.minus(interval.multipliedBy(2));
        String ping = null;
        for (WsConnection c : open) {
            if (!c.authenticated()) {
                continue;
            }
            if (c.lastSeen().isBefore(silentSince)) {
                c.dropSilent();
            } else if (!now.isBefore(c.nextPing())) {
                ping = ping != null ? ping : Codec.reply(null, new ServerMessage.Ping(now.toEpochMilli()));
                c.pinged(now.plus(interval));
                c.sendDirect(ping);
            }
        }
    }

    void closeAll() {
        for (WsConnection c : open) {
            c.goingAway();
        }
    }
}
