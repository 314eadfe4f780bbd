package de.sprechzimmer.common.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, without persistence, for one test
 * class. Stopped by PID on {@link #close()}. Fails with a clear message when redis-server is not installed.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServerProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static RedisServerProcess start() {
        // The port was free when chosen; if something took it before redis-server bound it, try another.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(FreePorts.tcp());
            } catch (IllegalStateException e) {
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static RedisServerProcess start(int port) {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        try {
            Path dir = Files.createTempDirectory("sz-redis");
            ProcessBuilder pb = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile());
            Process p = pb.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
                }
                try (Socket s = new Socket("127.0.0.1", port)) {
                    // A test JVM that exits without closing (a failed @BeforeAll, an interrupted run) stops it too.
                    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "redis-server-stop"));
                    return new RedisServerProcess(p, port, dir);
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not start on port " + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (apt-get install redis-server): " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
