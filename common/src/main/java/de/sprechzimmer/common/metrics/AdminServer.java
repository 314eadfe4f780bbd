package de.sprechzimmer.common.metrics;

import de.sprechzimmer.common.http.HttpServer;
import de.sprechzimmer.common.http.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The admin port, apart from the public one: {@code /metrics} (Prometheus text format), {@code /health/live}
 * (the process answers) and {@code /health/ready} (every registered check passes: Redis reachable, listeners
 * bound). Bind it to an address only operators reach.
 */
public final class AdminServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

    public AdminServer(String host, int port, PrometheusMeterRegistry registry) {
        Router router = new Router()
                .get("/metrics", ex -> ex.bytes(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                        registry.scrape().getBytes(StandardCharsets.UTF_8)))
                .get("/health/live", ex -> ex.json(Map.of("status", "up")))
                .get("/health/ready", ex -> {
                    Map<String, String> result = new LinkedHashMap<>();
                    boolean ready = true;
                    for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
                        boolean ok;
                        try {
                            ok = c.getValue().getAsBoolean();
                        } catch (RuntimeException e) {
                            ok = false;
                        }
                        result.put(c.getKey(), ok ? "up" : "down");
                        ready &= ok;
                    }
                    ex.json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                            Map.of("status", ready ? "up" : "down", "checks", result));
                });
        this.server = HttpServer.builder().name("admin").host(host).port(port).ioThreads(1).router(router).build();
    }

    /** A readiness check; keep it fast, it runs on the event loop. */
    public AdminServer check(String name, BooleanSupplier check) {
        checks.put(name, check);
        return this;
    }

    public InetSocketAddress start() throws InterruptedException {
        return server.start();
    }

    @Override
    public void close() {
        server.close();
    }
}
