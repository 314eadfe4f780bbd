package de.sprechzimmer.signaling.http;

import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.signaling.Refusal;
import de.sprechzimmer.signaling.Refused;
import de.sprechzimmer.signaling.SignalingMetrics;
import de.sprechzimmer.signaling.account.Account;
import de.sprechzimmer.signaling.account.Accounts;
import de.sprechzimmer.signaling.account.Role;
import de.sprechzimmer.signaling.ratelimit.RedeemLimiter;
import de.sprechzimmer.signaling.room.AccessCode;
import de.sprechzimmer.signaling.room.Room;
import de.sprechzimmer.signaling.room.Rooms;
import de.sprechzimmer.signaling.stats.SignalingStats;
import de.sprechzimmer.signaling.waiting.Guest;
import de.sprechzimmer.signaling.waiting.Redemptions;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/** The REST API of docs/api.md. */
public final class Api {

    static final Duration STATS_TICKET_TTL = Duration.ofMinutes(15);

    private final Accounts accounts;
    private final Rooms rooms;
    private final Redemptions redemptions;
    private final SessionTickets tickets;
    private final RedeemLimiter redeemLimiter;
    private final RedeemLimiter loginLimiter;
    private final SignalingStats stats;
    private final SignalingMetrics metrics;
    private final Executor workers;
    private final Clock clock;
    private final Optional<String> publicUrl;
    private final boolean blockingStores;

    public Api(Accounts accounts, Rooms rooms, Redemptions redemptions, SessionTickets tickets,
               RedeemLimiter redeemLimiter, RedeemLimiter loginLimiter, SignalingStats stats, SignalingMetrics metrics,
               Executor workers, Clock clock, Optional<String> publicUrl, boolean blockingStores) {
        this.accounts = accounts;
        this.rooms = rooms;
        this.redemptions = redemptions;
        this.tickets = tickets;
        this.redeemLimiter = redeemLimiter;
        this.loginLimiter = loginLimiter;
        this.stats = stats;
        this.metrics = metrics;
        this.workers = workers;
        this.clock = clock;
        this.publicUrl = publicUrl.map(u -> u.replaceAll("/+$", ""));
        this.blockingStores = blockingStores;
    }

    public void routes(Router r) {
        r.post("/api/login", this::login);
        r.post("/api/logout", ex -> handle(ex, () -> {
            me(ex);
            accounts.logout(ex.bearerToken().orElseThrow());
            return null;
        }));
        r.get("/api/me", ex -> handle(ex, () -> view(me(ex))));
        r.get("/api/accounts", ex -> handle(ex, () -> {
            Account admin = admin(ex);
            return Map.of("accounts", accounts.ofPractice(admin.practiceId()).stream().map(this::view).toList());
        }));
        r.post("/api/accounts", this::createAccount);
        r.get("/api/rooms", ex -> handle(ex, () ->
                Map.of("rooms", rooms.rooms(me(ex).id()).stream().map(Views.RoomView::of).toList())));
        r.post("/api/rooms", ex -> handle(ex, () -> {
            Account a = me(ex);
            Views.RoomRequest req = Replies.body(ex, Views.RoomRequest.class);
            Room room = rooms.create(a.id(), req.name(), req.waitingText());
            stats.waitingRoomCreated(a.id(), a.practiceId());
            return new Replies.Created(Views.RoomView.of(room));
        }));
        r.patch("/api/rooms/{roomId}", ex -> handle(ex, () -> {
            Views.RoomRequest req = Replies.body(ex, Views.RoomRequest.class);
            return Views.RoomView.of(rooms.update(me(ex).id(), ex.pathParam("roomId"), req.name(), req.waitingText()));
        }));
        r.delete("/api/rooms/{roomId}", ex -> handle(ex, () -> {
            rooms.delete(me(ex).id(), ex.pathParam("roomId"));
            return null;
        }));
        r.get("/api/rooms/{roomId}/codes", ex -> handle(ex, () -> Map.of("codes",
                rooms.codes(me(ex).id(), ex.pathParam("roomId")).stream().map(c -> Views.CodeView.of(c, baseUrl(ex))).toList())));
        r.post("/api/rooms/{roomId}/codes", ex -> handle(ex, () -> {
            Account a = me(ex);
            Views.CodeRequest req = Replies.body(ex, Views.CodeRequest.class);
            AccessCode c = rooms.createCode(a.id(), ex.pathParam("roomId"), req.patientName(), req.validFrom(), req.validUntil());
            stats.accessCodeCreated(a.id(), a.practiceId());
            return new Replies.Created(Views.CodeView.of(c, baseUrl(ex)));
        }));
        r.delete("/api/codes/{codeId}", ex -> handle(ex, () -> {
            rooms.deleteCode(me(ex).id(), ex.pathParam("codeId"));
            return null;
        }));
        r.post("/api/guest/redeem", this::redeem);
        r.get("/api/guest/me", ex -> handle(ex, () -> {
            Guest g = redemptions.authenticate(ex.bearerToken());
            return new Views.GuestMe(g.name(), room(redemptions.lobbyOf(g)), g.sessionId() != null);
        }));
        r.post("/api/tickets/stats", ex -> handle(ex, () -> {
            Account a = me(ex);
            String role = a.has(Role.PRACTICE_ADMIN) ? "admin" : "doctor";
            Instant expires = clock.instant().plus(STATS_TICKET_TTL);
            return new Views.TicketReply(tickets.issue("stats", a.practiceId().value(), a.id().value(), role,
                    STATS_TICKET_TTL), Instant.ofEpochSecond(expires.getEpochSecond()));
        }));
    }

    /** Password hashing: always on the worker pool. */
    private void login(HttpExchange ex) {
        Replies.blocking(ex, workers, () -> {
            limit(loginLimiter, ex, metrics::login);
            Views.LoginRequest req = Replies.body(ex, Views.LoginRequest.class);
            Optional<Accounts.Login> login = accounts.login(req.login(), req.password());
            if (login.isEmpty()) {
                metrics.login("invalid_credentials");
                throw Refusal.INVALID_CREDENTIALS.refuse();
            }
            metrics.login("ok");
            Accounts.Login l = login.get();
            stats.login(l.account().id(), l.account().practiceId(), l.account().has(Role.PRACTICE_ADMIN) ? "admin" : "doctor",
                    host(ex), ex.header(HttpHeaderNames.USER_AGENT).orElse(null), ex.clientAddress());
            return new Views.LoginReply(l.token(), l.expiresAt(), Views.AccountView.of(l.account(), l.practice()));
        });
    }

    private void createAccount(HttpExchange ex) {
        Replies.blocking(ex, workers, () -> {
            Account admin = admin(ex);
            Views.NewAccount req = Replies.body(ex, Views.NewAccount.class);
            Set<Role> roles = new HashSet<>();
            for (String role : req.roles() == null ? java.util.List.<String>of("provider") : req.roles()) {
                try {
                    roles.add(Role.of(role));
                } catch (IllegalArgumentException e) {
                    throw Refusal.INVALID_REQUEST.refuse("roles: provider, practice_admin");
                }
            }
            Account created = accounts.create(admin, req.login(), req.password(), req.displayName(), roles);
            // docs/api.md: every new account starts with one room "Sprechstunde" and an empty waiting text
            rooms.create(created.id(), Rooms.DEFAULT_ROOM_NAME, "");
            return new Replies.Created(view(created));
        });
    }

    private void redeem(HttpExchange ex) {
        handle(ex, () -> {
            limit(redeemLimiter, ex, metrics::redeem);
            Views.RedeemRequest req = Replies.body(ex, Views.RedeemRequest.class);
            try {
                Redemptions.Redeemed r = redemptions.redeem(req.code(), req.name(), Boolean.TRUE.equals(req.consent()));
                metrics.redeem("ok");
                stats.login(r.guest().doctor(), r.guest().practice(), "guest", host(ex),
                        ex.header(HttpHeaderNames.USER_AGENT).orElse(null), ex.clientAddress());
                return new Views.RedeemReply(r.guestToken(), r.expiresAt(), room(r.lobby()));
            } catch (Refused e) {
                metrics.redeem(e.refusal().code());
                throw e;
            }
        });
    }

    /** In-memory stores answer at once on the event loop; Redis stores block, so their calls go to the worker pool. */
    private void handle(HttpExchange ex, java.util.concurrent.Callable<Object> work) {
        if (blockingStores) {
            Replies.blocking(ex, workers, work);
        } else {
            Replies.guarded(ex, work);
        }
    }

    private static void limit(RedeemLimiter limiter, HttpExchange ex, java.util.function.Consumer<String> count) {
        Optional<Duration> wait = limiter.attempt(ex.clientAddress());
        if (wait.isPresent()) {
            count.accept("too_many_requests");
            throw Refusal.TOO_MANY_REQUESTS.refuse().with(wait.get());
        }
    }

    /** The host name of the Host header, without port. */
    private static String host(HttpExchange ex) {
        return ex.header(HttpHeaderNames.HOST).map(de.sprechzimmer.signaling.session.IceServers::hostOf).orElse(null);
    }

    private static Views.GuestRoom room(Redemptions.Lobby l) {
        return new Views.GuestRoom(l.roomName(), l.waitingText(), l.practiceName());
    }

    private Account me(HttpExchange ex) {
        return ex.bearerToken().flatMap(accounts::authenticate).orElseThrow(Refusal.UNAUTHORIZED::refuse);
    }

    private Account admin(HttpExchange ex) {
        Account a = me(ex);
        if (!a.has(Role.PRACTICE_ADMIN)) {
            throw Refusal.FORBIDDEN.refuse();
        }
        return a;
    }

    private Views.AccountView view(Account a) {
        return Views.AccountView.of(a, accounts.practiceOf(a));
    }

    /** Base of access-code links: {@code public-url}, else the Host the doctor used. */
    private String baseUrl(HttpExchange ex) {
        if (publicUrl.isPresent()) {
            return publicUrl.get();
        }
        String host = ex.header(HttpHeaderNames.HOST).filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")).orElse("localhost");
        String scheme = ex.header("X-Forwarded-Proto").filter("https"::equalsIgnoreCase).map(s -> "https").orElse("http");
        return scheme + "://" + host;
    }
}
