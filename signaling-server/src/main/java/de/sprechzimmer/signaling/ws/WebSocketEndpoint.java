package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.account.Accounts;
import de.sprechzimmer.signaling.session.Arrivals;
import de.sprechzimmer.signaling.session.Consultations;
import io.netty.channel.ChannelHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The signaling WebSocket at {@link #PATH}: a handler per connection, the heartbeat, and where message handling
 * runs (inline on the event loop for in-memory stores, in order on the worker pool for stores that block).
 */
public final class WebSocketEndpoint {

    public static final String PATH = "/ws";
    /** docs/signaling-protocol.md: frames of at most 64 KiB. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final int MESSAGES_PER_SECOND = 50;

    private final WsContext context;

    /** @param blockingPool null when the stores never block (in memory): handle messages on the event loop */
    public WebSocketEndpoint(Arrivals arrivals, Consultations consultations, Accounts accounts, Scheduler scheduler,
                             SignalingMetrics metrics, Duration heartbeat, Duration resumeWindow, Executor blockingPool) {
        Supplier<Executor> logic = blockingPool == null ? () -> Runnable::run : () -> new SerialExecutor(blockingPool);
        this.context = new WsContext(arrivals, consultations, accounts, scheduler, metrics, new Connections(scheduler, heartbeat),
                heartbeat, resumeWindow, AUTH_TIMEOUT, MESSAGES_PER_SECOND, logic);
    }

    public Supplier<ChannelHandler> handlers() {
        return () -> new WsConnection(context);
    }

    public void start() {
        context.connections().start();
    }

    /** Stops the heartbeat and closes every connection with 1001 (clients resume elsewhere). */
    public void close() {
        context.connections().stop();
        context.connections().closeAll();
    }

    public int openConnections() {
        return context.connections().size();
    }
}
