package de.sprechzimmer.bench.whiteboard;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.session.RedisSessionEvents;
import de.sprechzimmer.common.session.SessionEvent;
import de.sprechzimmer.common.session.SessionEvents;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.common.time.ExecutorScheduler;
import de.sprechzimmer.whiteboard.access.Member;
import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.ids.ParticipantId;
import de.sprechzimmer.whiteboard.ids.SessionId;
import de.sprechzimmer.whiteboard.store.RedisKeys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Time from publishing the session's Ended event to the last byte of the session gone from the store, for a
 * full session (default 50 files of 2 MiB = 100 MiB). In memory the bus is in-process; with Redis the event
 * travels over pub/sub from a separate connection (as from a signaling node) and "gone" is checked with SCAN
 * from yet another connection.
 *
 * <p>Arguments: {@code [files] [fileKiB] [repetitions]}, default 50 2048 20.
 */
public final class DeletionBench {

    private DeletionBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int fileKiB = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        System.out.printf("whiteboard deletion: session of %d files x %d KiB, %d repetitions (+3 warm-up)%n", files, fileKiB, reps);
        try (ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "bench-scheduler");
             RedisServerProcess redisServer = RedisServerProcess.start();
             RedisConnections nodeRedis = new RedisConnections(redisServer.url());
             RedisConnections signalingRedis = new RedisConnections(redisServer.url());
             RedisConnections observerRedis = new RedisConnections(redisServer.url())) {
            InMemorySessionEvents localBus = new InMemorySessionEvents();
            try (BenchNode node = new BenchNode(AesGcmCipher.INSTANCE, null, scheduler, localBus)) {
                run("memory", node, localBus, s -> node.store.key(s).isEmpty() && node.store.metas(s).isEmpty(),
                        files, fileKiB, reps);
            }
            try (RedisSessionEvents nodeBus = new RedisSessionEvents(nodeRedis);
                 RedisSessionEvents signalingBus = new RedisSessionEvents(signalingRedis);
                 BenchNode node = new BenchNode(AesGcmCipher.INSTANCE, nodeRedis, scheduler, nodeBus)) {
                RedisCommands<String, String> observer = observerRedis.strings().sync();
                run("redis", node, signalingBus, s -> {
                    KeyScanCursor<String> c = observer.scan(ScanArgs.Builder.matches(RedisKeys.sessionPattern(s)).limit(1000));
                    return c.getKeys().isEmpty() && c.isFinished();
                }, files, fileKiB, reps);
            }
        }
    }

    interface Gone {
        boolean test(SessionId s);
    }

    static void run(String store, BenchNode node, SessionEvents bus, Gone gone, int files, int fileKiB, int reps) {
        byte[] envelope = Payloads.envelope(fileKiB * 1024);
        String meta = Payloads.meta();
        double[] ms = new double[reps];
        for (int r = -3; r < reps; r++) {
            SessionId s = new SessionId("s_del_" + store + "_" + (r + 3));
            Member m = new Member(s, new ParticipantId("p_bench"), "doctor");
            for (int i = 0; i < files; i++) {
                node.board.upload(m, meta, envelope);
            }
            if (gone.test(s)) {
                throw new IllegalStateException("nothing stored");
            }
            long t0 = System.nanoTime();
            bus.publish(new SessionEvent.Ended(s.value(), Instant.now()));
            waitUntil(() -> gone.test(s));
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%-6s Ended -> last byte gone: median %.2f ms, p95 %.2f ms, max %.2f ms%n", store,
                ms[reps / 2], ms[(int) Math.ceil(reps * 0.95) - 1], ms[reps - 1]);
    }

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not deleted within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
