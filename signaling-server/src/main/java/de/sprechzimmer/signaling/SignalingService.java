package de.sprechzimmer.signaling;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.ids.AccessCodes;
import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsEvents;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.common.turn.TurnCredentials;
import de.sprechzimmer.signaling.account.Accounts;
import de.sprechzimmer.signaling.account.Bootstrap;
import de.sprechzimmer.signaling.account.PasswordHasher;
import de.sprechzimmer.signaling.http.Api;
import de.sprechzimmer.signaling.http.WebFiles;
import de.sprechzimmer.signaling.protocol.ServerMessage;
import de.sprechzimmer.signaling.ratelimit.RedeemLimiter;
import de.sprechzimmer.signaling.room.Rooms;
import de.sprechzimmer.signaling.session.Arrivals;
import de.sprechzimmer.signaling.session.Consultations;
import de.sprechzimmer.signaling.session.Roster;
import de.sprechzimmer.signaling.session.IceServers;
import de.sprechzimmer.signaling.stats.SignalingStats;
import de.sprechzimmer.signaling.waiting.Redemptions;
import de.sprechzimmer.signaling.waiting.WaitingList;
import de.sprechzimmer.signaling.ws.WebSocketEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The signaling server as a part the embedded app (or {@link Main}) composes: REST API, web client, the
 * signaling WebSocket, stores in memory or in Redis. Call {@link #routes}, {@link #configure} (WebSocket, origins,
 * proxies) on the one HTTP server, then {@link #start()}; {@link #close()} at the end.
 */
public final class SignalingService implements AutoCloseable {

    private final Settings settings;
    private final Scheduler scheduler;
    private final Stores stores;
    private final Accounts accounts;
    private final Rooms rooms;
    private final Api api;
    private final WebSocketEndpoint websocket;
    private final RedeemLimiter redeemLimiter;
    private final RedeemLimiter loginLimiter;
    private final SignalingStats stats;
    /** Where timers touch the stores: the worker pool when they block (Redis), else right there. */
    private final Executor storeWork;
    private PrintStream console = System.out;
    private final Arrivals arrivals;
    private Scheduler.Cancellable purge;
    private Scheduler.Cancellable reap;

    public SignalingService(Settings settings, Scheduler scheduler, MeterRegistry registry, SessionEvents events,
                            SessionTickets tickets, StatsSink sink, Optional<RedisConnections> redis,
                            Executor blocking) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.stores = redis.map(r -> RedisStores.create(r, scheduler)).orElseGet(Stores::inMemory);
        SignalingMetrics metrics = new SignalingMetrics(registry);
        var clock = scheduler.clock();
        this.stats = new SignalingStats(sink, new StatsEvents(new Pseudonymizer(secret(CommonSettings.PSEUDONYM_SECRET)), clock), clock);
        this.accounts = new Accounts(stores.accounts(), PasswordHasher.owaspDefault(), clock,
                settings.get(SignalingSettings.SESSION_TOKEN_TTL));
        this.rooms = new Rooms(stores.rooms(), new AccessCodes(), clock);
        Redemptions redemptions = new Redemptions(rooms, accounts, stores.guests(), clock,
                settings.get(SignalingSettings.GUEST_TOKEN_TTL), id -> stores.sessions().get(id).isPresent());
        IceServers ice = new IceServers(list(SignalingSettings.TURN_URLS), settings.get(SignalingSettings.ICE_TURN_PORT),
                settings.optional(SignalingSettings.ICE_TURNS_PORT),
                new TurnCredentials(secret(CommonSettings.TURN_SECRET), clock),
                settings.get(SignalingSettings.TURN_CREDENTIAL_TTL), settings.get(SignalingSettings.ICE_TRANSPORT_POLICY));
        Duration resumeWindow = settings.get(SignalingSettings.RESUME_WINDOW);
        Roster roster = new Roster(stores.participants(), stores.sessions(), stores.guests(),
                new WaitingList(stores.guests(), rooms, clock), stores.delivery(), events, tickets, ice, stats, clock);
        this.storeWork = stores.blocking() ? blocking : Runnable::run;
        this.arrivals = new Arrivals(roster, g -> {
            Redemptions.Lobby l = redemptions.lobbyOf(g);
            return new ServerMessage.RoomInfo(l.roomName(), l.waitingText(), l.practiceName());
        }, scheduler, storeWork, resumeWindow);
        Consultations consultations = new Consultations(roster);
        int perMinute = settings.get(SignalingSettings.REDEEM_RATE_PER_MINUTE);
        int global = settings.get(SignalingSettings.REDEEM_RATE_GLOBAL);
        this.redeemLimiter = new RedeemLimiter(perMinute, global, clock);
        this.loginLimiter = new RedeemLimiter(perMinute, global, clock);
        this.api = new Api(accounts, rooms, redemptions, tickets, redeemLimiter, loginLimiter, stats, metrics,
                blocking, clock, settings.optional(SignalingSettings.PUBLIC_URL), stores.blocking());
        this.websocket = new WebSocketEndpoint(arrivals, consultations, accounts, scheduler, metrics,
                settings.get(SignalingSettings.HEARTBEAT_INTERVAL), resumeWindow, stores.blocking() ? blocking : null);
    }

    /** Adds the REST API and the web client's pages and assets. */
    public void routes(Router router) {
        api.routes(router);
        WebFiles.routes(router, settings.optional(SignalingSettings.WEB_DIR).map(Path::of));
    }

    public String websocketPath() {
        return WebSocketEndpoint.PATH;
    }

    public int maxFrameBytes() {
        return WebSocketEndpoint.MAX_FRAME_BYTES;
    }

    /** A new handler per WebSocket connection, for {@link HttpServer.Builder#websocket}. */
    public Supplier<ChannelHandler> websocketHandler() {
        return websocket.handlers();
    }

    /** Registers the WebSocket (path, frame limit), the allowed origins and trusted proxies on the HTTP server. */
    public HttpServer.Builder configure(HttpServer.Builder builder) {
        builder.websocket(websocketPath(), maxFrameBytes(), websocketHandler());
        list(SignalingSettings.ALLOWED_ORIGINS).forEach(builder::allowedOrigin);
        list(SignalingSettings.TRUSTED_PROXIES).forEach(builder::trustedProxy);
        return builder;
    }

    /** Where the one-time bootstrap login line goes (System.out; tests capture it). */
    public SignalingService console(PrintStream console) {
        this.console = console;
        return this;
    }

    /** Creates the first account if the store has none, starts the heartbeat, the expiry sweep and the lease. */
    public void start() {
        try {
            Bootstrap.ensureFirstAccount(accounts, settings.optional(SignalingSettings.BOOTSTRAP_LOGIN),
                    settings.optional(SignalingSettings.BOOTSTRAP_PASSWORD), console,
                    a -> rooms.create(a.id(), Rooms.DEFAULT_ROOM_NAME, ""));
        } catch (Refused e) {
            if (e.refusal() != Refusal.LOGIN_TAKEN) {
                throw e;
            }
            // another node created it at the same moment
        }
        websocket.start();
        purge = scheduler.scheduleAtFixedRate(Duration.ofMinutes(1), Duration.ofMinutes(1), () -> {
            redeemLimiter.sweep();
            loginLimiter.sweep();
            try {
                storeWork.execute(() -> {
                    accounts.purgeExpired();
                    rooms.purgeExpired();
                    stores.guests().purgeExpired(scheduler.clock().instant());
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // pool full: the next minute tries again
            }
        });
        // The lease says this node is alive; the first renewal now, so that a stopped node is noticed in time.
        Runnable reapNow = () -> {
            try {
                storeWork.execute(arrivals::reap);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // pool full: the next renewal tries again (the lease outlasts two of them)
            }
        };
        reapNow.run();
        reap = scheduler.scheduleAtFixedRate(Arrivals.LEASE_RENEWAL, Arrivals.LEASE_RENEWAL, reapNow);
    }

    public int openConnections() {
        return websocket.openConnections();
    }

    @Override
    public void close() {
        if (purge != null) {
            purge.cancel();
        }
        if (reap != null) {
            reap.cancel();
        }
        websocket.close();
        try {
            stores.delivery().close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private String secret(Setting<String> s) {
        return optional(s).orElseGet(Tokens::random);
    }

    private <T> Optional<T> optional(Setting<T> s) {
        try {
            return settings.optional(s);
        } catch (IllegalArgumentException notDeclared) {
            return Optional.empty();
        }
    }

    private List<String> list(Setting<List<String>> s) {
        return settings.optional(s).orElse(List.of());
    }
}
