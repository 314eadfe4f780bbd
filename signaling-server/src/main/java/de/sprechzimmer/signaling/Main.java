package de.sprechzimmer.signaling;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.config.SettingsTable;
import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.common.metrics.AdminServer;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.session.SessionTickets;
import de.sprechzimmer.common.stats.StatsSink;
import de.sprechzimmer.common.time.ExecutorScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The signaling server on its own ({@code java -jar sprechzimmer-signaling.jar}), for the distributed mode. */
public final class Main {

    private Main() {
    }

    public static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all());
        all.addAll(SignalingSettings.all());
        return all;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sprechzimmer-signaling-logback.xml");
        }
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Sprechzimmer signaling server. Settings (flag, environment variable):");
            System.out.print(SettingsTable.help(settings()));
            return;
        }
        Settings s;
        try {
            s = Settings.load(args, System.getenv(), settings());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry("signaling");
        ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "signaling-scheduler");
        Optional<RedisConnections> redis = s.optional(CommonSettings.REDIS_URL).map(RedisConnections::new);
        SessionEvents events = redis.<SessionEvents>map(RedisSessionEvents::new).orElseGet(InMemorySessionEvents::new);
        SessionTickets tickets = new SessionTickets(s.optional(CommonSettings.TICKET_SECRET).orElseGet(Tokens::random),
                scheduler.clock());
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "signaling-worker");
                    t.setDaemon(true);
                    return t;
                });
        SignalingService service = new SignalingService(s, scheduler, registry, events, tickets, StatsSink.NONE, redis, workers);
        Router router = new Router();
        service.routes(router);
        HttpServer http = service.configure(HttpServer.builder().name("signaling")
                .host(s.get(SignalingSettings.HTTP_HOST)).port(s.get(SignalingSettings.HTTP_PORT))
                .router(router).blockingWorkers(workers)).build();
        AdminServer admin = new AdminServer(s.get(CommonSettings.ADMIN_HOST), s.get(CommonSettings.ADMIN_PORT), registry);
        redis.ifPresent(r -> admin.check("redis", () -> {
            try {
                return "PONG".equals(r.strings().async().ping().get(500, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                return false;
            }
        }));
        service.start();
        InetSocketAddress bound = http.start();
        admin.check("http", () -> true);
        admin.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            http.close();
            admin.close();
            redis.ifPresent(RedisConnections::close);
            scheduler.close();
            workers.shutdownNow();
        }, "signaling-shutdown"));
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
        System.out.println("Sprechzimmer signaling ready: http://" + host + ":" + bound.getPort()
                + "/  (Praxis: /praxis, admin: " + s.get(CommonSettings.ADMIN_HOST) + ":" + s.get(CommonSettings.ADMIN_PORT) + ")");
        // Netty's threads are daemons: keep the process alive until it is stopped (the hook above cleans up).
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
