package de.sprechzimmer.bench.whiteboard;

import de.sprechzimmer.common.json.Json;
import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.common.session.InMemorySessionEvents;
import de.sprechzimmer.common.testing.RedisServerProcess;
import de.sprechzimmer.common.time.ExecutorScheduler;
import de.sprechzimmer.whiteboard.crypto.AesGcmCipher;
import de.sprechzimmer.whiteboard.crypto.AtRestCipher;
import de.sprechzimmer.whiteboard.ids.SessionId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Upload and download throughput through the whiteboard HTTP API, with the at-rest AES-256-GCM layer and
 * without it (pass-through cipher), on the in-memory store and on a real redis-server. Rounds of the two
 * variants alternate so that machine noise hits both alike; the median round counts.
 *
 * <p>Arguments: {@code [fileKiB] [filesPerRound] [clients] [rounds]}, default 1024 48 4 7 (the first two rounds
 * of each variant are warm-up).
 */
public final class ThroughputBench {

    private ThroughputBench() {
    }

    /** Wall-clock MiB/s and server CPU milliseconds per MiB, for each direction. */
    record Round(double uploadMiBs, double downloadMiBs, double uploadCpuMsPerMiB, double downloadCpuMsPerMiB) {
    }

    public static void main(String[] args) throws Exception {
        int fileKiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int warmup = 2;
        if (rounds <= warmup) {
            throw new IllegalArgumentException("rounds must exceed the " + warmup + " warm-up rounds");
        }
        System.out.printf("whiteboard throughput: %d files of %d KiB per round, %d clients, %d rounds (%d warm-up), %d cores%n",
                files, fileKiB, clients, rounds, warmup, Runtime.getRuntime().availableProcessors());
        warmUpCipher();
        try (ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "bench-scheduler");
             RedisServerProcess redisServer = RedisServerProcess.start();
             RedisConnections redis = new RedisConnections(redisServer.url())) {
            ServerCpu cpu = new ServerCpu(redisServer.port());
            System.out.println("server CPU includes redis-server: " + cpu.seesRedis());
            for (String store : List.of("memory", "redis")) {
                Map<String, List<Round>> results = new LinkedHashMap<>();
                Map<String, BenchNode> nodes = new LinkedHashMap<>();
                nodes.put("aes-gcm", new BenchNode(AesGcmCipher.INSTANCE, store.equals("redis") ? redis : null, scheduler, new InMemorySessionEvents()));
                nodes.put("plain", new BenchNode(PlainCipher.INSTANCE, store.equals("redis") ? redis : null, scheduler, new InMemorySessionEvents()));
                for (int r = 0; r < rounds; r++) {
                    for (Map.Entry<String, BenchNode> n : nodes.entrySet()) {
                        Round round = round(n.getValue(), cpu, "s_" + store + "_" + n.getKey() + "_" + r, fileKiB * 1024, files, clients);
                        if (r >= warmup) {
                            results.computeIfAbsent(n.getKey(), k -> new ArrayList<>()).add(round);
                        }
                    }
                }
                for (BenchNode n : nodes.values()) {
                    n.close();
                }
                report(store, results);
            }
        }
    }

    /** The AES/GHASH intrinsics need compiled callers: seal and open 400 MiB first, so no round measures the JIT. */
    static void warmUpCipher() {
        javax.crypto.SecretKey key = new de.sprechzimmer.whiteboard.crypto.KeyWrap("bench-key-secret-0123456789").newSessionKey();
        byte[] plain = Payloads.envelope(1024 * 1024);
        byte[] aad = new byte[40];
        for (int i = 0; i < 400; i++) {
            AesGcmCipher.INSTANCE.open(key, aad, AesGcmCipher.INSTANCE.seal(key, aad, plain));
        }
    }

    static Round round(BenchNode node, ServerCpu cpu, String session, int fileBytes, int files, int clients) throws Exception {
        String ticket = node.ticket(session, "p_bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            byte[][] bodies = new byte[clients][];
            for (int c = 0; c < clients; c++) {
                bodies[c] = Payloads.envelope(fileBytes);
            }
            String meta = Payloads.meta();
            List<List<String>> ids = new ArrayList<>();
            long c0 = cpu.nanos();
            long t0 = System.nanoTime();
            List<Future<List<String>>> ups = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                byte[] body = bodies[c];
                int mine = files / clients;
                ups.add(pool.submit(() -> {
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < mine; i++) {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(node.base + "/whiteboard/files"))
                                .header("Authorization", "Bearer " + ticket).header("X-Whiteboard-Meta", meta)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("upload answered " + r.statusCode() + " " + new String(r.body()));
                        }
                        got.add(Json.mapper().readTree(r.body()).get("id").asText());
                    }
                    return got;
                }));
            }
            for (Future<List<String>> f : ups) {
                ids.add(f.get());
            }
            long t1 = System.nanoTime();
            long c1 = cpu.nanos();
            List<Future<?>> downs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<String> mine = ids.get(c);
                byte[] expected = bodies[c];
                downs.add(pool.submit(() -> {
                    for (String id : mine) {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(node.base + "/whiteboard/files/" + id))
                                .header("Authorization", "Bearer " + ticket).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200 || !Arrays.equals(r.body(), expected)) {
                            throw new IllegalStateException("download answered " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : downs) {
                f.get();
            }
            long t2 = System.nanoTime();
            long c2 = cpu.nanos();
            node.board.end(new SessionId(session));
            double mib = (double) (files / clients) * clients * fileBytes / (1024 * 1024);
            return new Round(mib / ((t1 - t0) / 1e9), mib / ((t2 - t1) / 1e9), (c1 - c0) / 1e6 / mib, (c2 - c1) / 1e6 / mib);
        } finally {
            pool.shutdownNow();
        }
    }

    static void report(String store, Map<String, List<Round>> results) {
        List<Round> aes = results.get("aes-gcm");
        List<Round> plain = results.get("plain");
        line(store, "upload", median(aes, Round::uploadMiBs), median(plain, Round::uploadMiBs),
                median(aes, Round::uploadCpuMsPerMiB), median(plain, Round::uploadCpuMsPerMiB));
        line(store, "download", median(aes, Round::downloadMiBs), median(plain, Round::downloadMiBs),
                median(aes, Round::downloadCpuMsPerMiB), median(plain, Round::downloadCpuMsPerMiB));
        for (String variant : results.keySet()) {
            System.out.printf("       %-8s rounds (up/down MiB/s | server CPU ms/MiB): %s%n", variant, results.get(variant).stream()
                    .map(r -> String.format("%.0f/%.0f | %.1f/%.1f", r.uploadMiBs(), r.downloadMiBs(),
                            r.uploadCpuMsPerMiB(), r.downloadCpuMsPerMiB())).toList());
        }
    }

    /**
     * Wall clock: MiB/s as measured. CPU: server milliseconds per MiB, and what it means for throughput when the
     * server's CPU is the limit (the cost of the at-rest layer = extra CPU per MiB over the plain variant's).
     */
    static void line(String store, String direction, double wallAes, double wallPlain, double cpuAes, double cpuPlain) {
        System.out.printf("%-6s %-8s wall: aes-gcm %6.1f MiB/s, plain %6.1f MiB/s | server CPU: aes-gcm %5.2f ms/MiB, plain %5.2f ms/MiB"
                        + " -> CPU-bound throughput cost %5.1f %%%n", store, direction, wallAes, wallPlain, cpuAes, cpuPlain,
                100 * (1 - cpuPlain / cpuAes));
    }

    static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value) {
        return median(rounds.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
