package de.sprechzimmer.signaling.ws;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.ClientMessage;
import de.sprechzimmer.signaling.protocol.ClientType;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.protocol.Envelope;
import de.sprechzimmer.signaling.protocol.ErrorCode;
import de.sprechzimmer.signaling.protocol.ProtocolException;
import de.sprechzimmer.signaling.protocol.ProtocolVersion;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.ratelimit.TokenBucket;
import de.sprechzimmer.signaling.session.Arrivals;
import de.sprechzimmer.signaling.session.Consultations;
import de.sprechzimmer.signaling.session.IceServers;
import de.sprechzimmer.signaling.session.Role;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signaling WebSocket (docs/signaling-protocol.md). Parses and routes frames; the consultation logic lives in
 * {@link Consultations}. Never logs tokens, names, payloads or addresses.
 */
final class WsConnection extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);
    /** Frames kept while the handshake event is still on its way; a client sends one hello, then waits. */
    static final int MAX_EARLY_FRAMES = 8;

    private final WsContext cx;
    private final TokenBucket bucket;
    private final Executor logic;
    private ChannelHandlerContext ctx;
    private WsSocket socket;
    private String host;
    private Scheduler.Cancellable authTimer;
    private volatile ParticipantId participant;
    private volatile Role role;
    private volatile Instant lastSeen;
    private volatile Instant nextPing;
    private volatile boolean helloSeen;
    /** Frames read before the handshake event (event loop only). */
    private List<WebSocketFrame> early;

    WsConnection(WsContext cx) {
        this.cx = cx;
        this.bucket = new TokenBucket(cx.messagesPerSecond(), cx.messagesPerSecond(), cx.scheduler().clock());
        this.logic = cx.logicExecutor().get();
        this.lastSeen = cx.scheduler().clock().instant();
        this.nextPing = lastSeen.plus(cx.heartbeat());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
            this.ctx = ctx;
            if (ctx.pipeline().get("ws-aggregator") != null && ctx.pipeline().get("ws-oversize") == null) {
                ctx.pipeline().addAfter("ws-aggregator", "ws-oversize", new OversizeGuard());
            }
            this.host = IceServers.hostOf(hs.requestHeaders().get(HttpHeaderNames.HOST));
            this.socket = new WsSocket(ctx.channel(), Tokens.id(), cx.metrics());
            cx.connections().add(this);
            cx.metrics().opened();
            authTimer = cx.scheduler().schedule(cx.authTimeout(), () -> logic.execute(this::authTimeout));
            List<WebSocketFrame> arrived = early;
            early = null;
            if (arrived != null) {
                for (WebSocketFrame f : arrived) {
                    try {
                        receive(f);
                    } finally {
                        f.release();
                    }
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (socket == null) {
            // Netty installs the frame decoder before the 101 response is written and tells us only when that
            // write completes; a client that sends hello at once can get it in first. Keep it for the event
            // (dropping it left the client waiting for a welcome until the auth timeout).
            if (early == null) {
                early = new ArrayList<>();
            }
            if (early.size() < MAX_EARLY_FRAMES) {
                early.add(frame.retain());
            }
            return;
        }
        receive(frame);
    }

    private void receive(WebSocketFrame frame) {
        lastSeen = cx.scheduler().clock().instant();
        if (!(frame instanceof TextWebSocketFrame text)) {
            error(null, ErrorCode.INVALID_JSON, "Only text frames are accepted");
            return;
        }
        String payload = text.text();
        if (!bucket.tryAcquire()) {
            cx.metrics().received("rate-limited");
            error(Codec.idOf(payload), ErrorCode.RATE_LIMITED, "More than " + cx.messagesPerSecond() + " messages per second");
            return;
        }
        long arrived = System.nanoTime();
        try {
            logic.execute(() -> handle(payload, arrived));
        } catch (RejectedExecutionException e) {
            error(Codec.idOf(payload), ErrorCode.INTERNAL_ERROR, "Server busy, try again");
        }
    }

    private void handle(String text, long arrived) {
        Envelope env;
        try {
            env = Codec.parse(text);
        } catch (ProtocolException e) {
            cx.metrics().received("invalid");
            error(Codec.idOf(text), e.code(), e.getMessage());
            return;
        }
        cx.metrics().received(env.type().wire());
        try {
            dispatch(env, Codec.message(env), arrived);
        } catch (ProtocolException e) {
            error(env.id(), e.code(), e.getMessage());
            if (e.code() == ErrorCode.UNAUTHORIZED) {
                socket.close(CloseCodes.NOT_AUTHENTICATED);
            } else if (e.code() == ErrorCode.TOKEN_REVOKED) {
                socket.close(CloseCodes.REVOKED);
            }
        } catch (RuntimeException e) {
            LOG.error("handling a {} message failed: {}", env.type().wire(), e.getClass().getName(), e);
            error(env.id(), ErrorCode.INTERNAL_ERROR, "Internal error");
        }
    }

    private void dispatch(Envelope env, ClientMessage m, long arrived) {
        ParticipantId me = participant;
        if (me == null) {
            if (!(m instanceof ClientMessage.Hello hello)) {
                throw new ProtocolException(ErrorCode.AUTH_REQUIRED, "Send hello first");
            }
            hello(env, hello);
            return;
        }
        switch (env.type()) {
            case HELLO -> throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Already authenticated");
            case PONG -> ok(env, null, false);
            case ADMIT -> ok(env, cx.consultations().admit(me, (ClientMessage.Admit) m).value(), true);
            case DECLINE -> {
                cx.consultations().decline(me, (ClientMessage.Decline) m);
                ok(env, null, true);
            }
            case END_SESSION -> {
                cx.consultations().endSession(me, (ClientMessage.EndSession) m);
                ok(env, null, true);
            }
            case SIGNAL -> {
                cx.consultations().signal(me, (ClientMessage.Signal) m);
                cx.metrics().relayed(System.nanoTime() - arrived);
                ok(env, null, false);
            }
            case LEAVE -> {
                boolean done = cx.consultations().leave(me, (ClientMessage.Leave) m);
                ok(env, null, true);
                if (done) {
                    // participant stays set: the close then detaches this socket from delivery like any drop
                    socket.close(CloseCodes.NORMAL);
                }
            }
            case TELEMETRY -> {
                cx.consultations().telemetry(me, (ClientMessage.Telemetry) m);
                ok(env, null, false);
            }
            case FEATURE_USED -> {
                cx.consultations().featureUsed(me, (ClientMessage.FeatureUsed) m);
                ok(env, null, false);
            }
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Unknown message type");
        }
    }

    private void hello(Envelope env, ClientMessage.Hello h) {
        if (helloSeen) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "Only one hello per connection");
        }
        Arrivals.Connected c;
        if (h.token() != null) {
            Optional<Account> account = cx.accounts().authenticate(h.token());
            c = account.isPresent()
                    ? cx.arrivals().connectDoctor(account.get(), socket, host)
                    : cx.arrivals().connectGuest(h.token(), socket, host);
        } else if (env.version().supportsResume()) {
            c = cx.arrivals().resume(h.resume(), socket, host);
        } else {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "This protocol version cannot resume");
        }
        helloSeen = true;
        if (authTimer != null) {
            authTimer.cancel();
        }
        participant = c.participant().id();
        role = c.participant().role();
        socket.reply(Codec.reply(env.id(), new ServerMessage.Welcome(role.wire(), participant.value(),
                c.resumeToken(), c.resumed(), cx.heartbeat().toMillis(), cx.resumeWindow().toMillis(),
                ProtocolVersion.V1.features())));
        cx.arrivals().start(c, socket, h.lastSeq() == null ? 0 : h.lastSeq());
    }

    /** {@code ok} for requests that always get one, and for others when the client asked (sent an id). */
    private void ok(Envelope env, String sessionId, boolean always) {
        if (always || env.id() != null) {
            socket.reply(Codec.reply(env.id(), new ServerMessage.Ok(sessionId)));
        }
    }

    private void error(String id, ErrorCode code, String message) {
        socket.reply(Codec.reply(id, new ServerMessage.Error(code.wire(), message)));
    }

    private void authTimeout() {
        if (!helloSeen && ctx.channel().isActive()) {
            error(null, ErrorCode.AUTH_TIMEOUT, "No hello within " + cx.authTimeout().toSeconds() + " s");
            socket.close(CloseCodes.NOT_AUTHENTICATED);
        }
    }

    boolean authenticated() {
        return participant != null;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    Instant nextPing() {
        return nextPing;
    }

    void pinged(Instant next) {
        nextPing = next;
    }

    void sendDirect(String frame) {
        socket.reply(frame);
    }

    /** Two heartbeats without a word: drop the socket; the participant waits out the resume window. */
    void dropSilent() {
        ctx.close();
    }

    void goingAway() {
        if (socket != null) {
            socket.close(CloseCodes.GOING_AWAY);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (early != null) {
            early.forEach(WebSocketFrame::release);
            early = null;
        }
        if (socket != null) {
            cx.metrics().closed();
            if (authTimer != null) {
                authTimer.cancel();
            }
            ParticipantId p = participant;
            if (p == null) {
                cx.connections().remove(this);
            } else {
                // Counted as open until the drop is recorded (resume window started), so whoever sees the count
                // fall also sees the resume deadline.
                try {
                    logic.execute(() -> {
                        try {
                            cx.arrivals().dropped(p, socket);
                        } finally {
                            cx.connections().remove(this);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    cx.connections().remove(this);
                    LOG.warn("could not record a dropped connection: worker pool full");
                }
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            ctx.writeAndFlush(new CloseWebSocketFrame(CloseCodes.TOO_LARGE, "frame too large"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(cause instanceof IOException)) {
            LOG.warn("WebSocket connection failed: {}", cause.getClass().getName());
        }
        ctx.close();
    }
}
