package de.sprechzimmer.bench.whiteboard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time spent on the server side of a benchmark: the whiteboard node's threads (Netty I/O, workers, Lettuce)
 * in this JVM, plus the redis-server process. On a shared, loaded machine wall-clock throughput swings with the
 * neighbours; CPU time per MiB barely does, so the cost of the at-rest layer is read from it.
 */
final class ServerCpu {

    private static final String[] SERVER_THREADS = {"bench-whiteboard-", "lettuce-"};
    /** USER_HZ: /proc/PID/stat counts in ticks of 1/100 s on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Optional<Long> redisPid;

    /** Finds the redis-server on {@code redisPort}: Redis rewrites its process title to "redis-server host:port". */
    ServerCpu(int redisPort) {
        this.redisPid = ProcessHandle.allProcesses()
                .filter(p -> cmdline(p.pid()).matches("redis-server \\S+:" + redisPort + "\\b.*"))
                .map(ProcessHandle::pid).findFirst();
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** CPU nanoseconds used so far by the server side. */
    long nanos() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String prefix : SERVER_THREADS) {
                if (t.getName().startsWith(prefix)) {
                    long cpu = threads.getThreadCpuTime(t.getId());
                    sum += Math.max(0, cpu);
                }
            }
        }
        return sum + redisPid.map(ServerCpu::processTicks).orElse(0L) * NANOS_PER_TICK;
    }

    boolean seesRedis() {
        return redisPid.isPresent();
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command: state(3) ... utime(14) stime(15), counted from 1 in proc(5).
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
