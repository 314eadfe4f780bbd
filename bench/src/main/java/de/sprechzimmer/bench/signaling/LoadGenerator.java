package de.sprechzimmer.bench.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.sprechzimmer.common.net.Transports;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the signaling server (not a test): creates doctor accounts, codes and guest tokens over REST,
 * opens many WebSockets (doctors and patients), lets every patient join a waiting room, has each doctor admit
 * three patients (offer/answer per pair), then relays signals between the admitted pairs at a fixed rate while all
 * connections stay open. Prints connections held, messages/s, p50/p99 relay latency and the server's heap.
 *
 * <p>Usage: {@code LoadGenerator --url http://127.0.0.1:8080 --admin http://127.0.0.1:9090 --password P
 * [--login admin] [--connections 10000] [--doctors 50] [--rate 1000] [--seconds 60] [--sources 4]}
 */
public final class LoadGenerator {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OFFER_SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + "a=x:".repeat(600);

    final Map<String, String> args;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final Latencies latencies = new Latencies(200_000);
    final Latencies cycle = new Latencies(10_000);
    final List<Client> clients = new ArrayList<>();
    final Map<String, Client> byParticipant = new ConcurrentHashMap<>();
    final List<Client[]> pairs = new ArrayList<>();

    LoadGenerator(Map<String, String> args) {
        this.args = args;
        this.base = args.get("url");
    }

    /** One simulated browser tab. */
    final class Client {
        final boolean doctor;
        final String token;
        final Client doctorOf;
        volatile String participantId;
        volatile String sessionId;
        final CountDownLatch welcomed = new CountDownLatch(1);
        final CountDownLatch inSession = new CountDownLatch(1);
        WsConn conn;

        Client(boolean doctor, String token, Client doctorOf) {
            this.doctor = doctor;
            this.token = token;
            this.doctorOf = doctorOf;
        }

        void send(String type, Object data) {
            try {
                conn.send(JSON.writeValueAsString(Map.of("v", 1, "type", type, "data", data)));
                sent.incrementAndGet();
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }

        void signal(Client to, Map<String, Object> payload) {
            Map<String, Object> p = new HashMap<>(payload);
            p.put("ts", System.nanoTime());
            send("signal", Map.of("sessionId", sessionId, "to", to.participantId, "payload", p));
        }

        void onText(String text) {
            received.incrementAndGet();
            long now = System.nanoTime();
            int type = text.indexOf("\"type\":\"");
            if (type >= 0 && type < 40 && text.startsWith("waiting\"", type + 8)) {
                return; // the doctor's waiting list: nothing to do here, and parsing 10,000 of them is the client's cost
            }
            try {
                JsonNode m = JSON.readTree(text);
                JsonNode d = m.get("data");
                switch (m.get("type").asText()) {
                    case "welcome" -> {
                        participantId = d.get("participantId").asText();
                        byParticipant.put(participantId, this);
                        welcomed.countDown();
                    }
                    case "ping" -> send("pong", Map.of("t", d.get("t").asLong()));
                    case "session" -> {
                        sessionId = d.get("sessionId").asText();
                        inSession.countDown();
                    }
                    case "peer-joined" -> {
                        // the member already there offers to the newcomer (perfect negotiation, impolite side)
                        Client guest = byParticipant.get(d.get("participantId").asText());
                        if (doctor && guest != null) {
                            signal(guest, Map.of("description", Map.of("type", "offer", "sdp", OFFER_SDP)));
                        }
                    }
                    case "signal" -> {
                        JsonNode payload = d.get("payload");
                        long micros = (now - payload.get("ts").asLong()) / 1000;
                        latencies.record(micros);
                        JsonNode desc = payload.get("description");
                        if (desc != null) {
                            cycle.record(micros);
                            if (desc.get("type").asText().equals("offer")) {
                                signal(byParticipant.get(d.get("from").asText()),
                                        Map.of("description", Map.of("type", "answer", "sdp", OFFER_SDP)));
                            }
                        }
                    }
                    case "error" -> errors.incrementAndGet();
                    default -> {
                    }
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    JsonNode rest(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    void run() throws Exception {
        int connections = Integer.parseInt(args.getOrDefault("connections", "10000"));
        int doctors = Integer.parseInt(args.getOrDefault("doctors", "50"));
        int rate = Integer.parseInt(args.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
        int sources = Integer.parseInt(args.getOrDefault("sources", "4"));
        int patientsPerDoctor = (connections - doctors) / doctors;
        long t0 = System.nanoTime();

        String admin = rest("POST", "/api/login", null, Map.of("login", args.getOrDefault("login", "admin"),
                "password", args.get("password"))).get("token").asText();
        var pool = Executors.newFixedThreadPool(16);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<CompletableFuture<List<Client>>> setups = new ArrayList<>();
        for (int i = 0; i < doctors; i++) {
            int n = i;
            setups.add(CompletableFuture.supplyAsync(() -> {
                try {
                    String login = "bench-" + run + "-" + n;
                    String pw = "bench password " + n;
                    rest("POST", "/api/accounts", admin, Map.of("login", login, "password", pw, "displayName", "Dr. Bench " + n,
                            "roles", List.of("provider")));
                    String token = rest("POST", "/api/login", null, Map.of("login", login, "password", pw)).get("token").asText();
                    String room = rest("GET", "/api/rooms", token, null).get("rooms").get(0).get("id").asText();
                    List<Client> mine = new ArrayList<>();
                    Client doctor = new Client(true, token, null);
                    mine.add(doctor);
                    for (int p = 0; p < patientsPerDoctor; p++) {
                        String code = rest("POST", "/api/rooms/" + room + "/codes", token, Map.of("patientName", "Patient " + p))
                                .get("code").asText();
                        String guest = rest("POST", "/api/guest/redeem", null, Map.of("code", code, "name", "Patient " + p,
                                "consent", true)).get("guestToken").asText();
                        mine.add(new Client(false, guest, doctor));
                    }
                    return mine;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        for (var f : setups) {
            clients.addAll(f.get());
        }
        pool.shutdown();
        System.out.printf("setup: %d doctors, %d guest tokens over REST in %.1f s%n", doctors, clients.size() - doctors,
                (System.nanoTime() - t0) / 1e9);

        EventLoopGroup group = Transports.group(2, "bench-ws");
        URI ws = URI.create(base.replace("http", "ws") + "/ws");
        Semaphore inFlight = new Semaphore(256);
        long t1 = System.nanoTime();
        // doctors first, so every patient's arrival is pushed to a connected doctor
        List<Client> ordered = new ArrayList<>(clients.stream().filter(c -> c.doctor).toList());
        ordered.addAll(clients.stream().filter(c -> !c.doctor).toList());
        int k = 0;
        for (Client c : ordered) {
            inFlight.acquire();
            connect(group, ws, c, new InetSocketAddress("127.0.0." + (1 + (k++ % sources)), 0),
                    inFlight, 3);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (Client c : clients) {
            c.welcomed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        clients.removeIf(c -> c.participantId == null);
        long open = clients.stream().filter(c -> c.conn != null && c.conn.active()).count();
        System.out.printf("connected: %d WebSockets welcomed in %.1f s (%d failed after 3 attempts); server heap %s%n", open,
                (System.nanoTime() - t1) / 1e9, errors.get(), heap());

        // admit: each doctor takes three patients into its session, one after another; offer/answer per pair.
        // Pairs are listed slot by slot, so consecutive steady-phase messages go to different doctors.
        List<Client> doctorsUp = clients.stream().filter(c -> c.doctor).toList();
        for (int slot = 0; slot < 3; slot++) {
            List<Client[]> admitted = new ArrayList<>();
            for (Client d : doctorsUp) {
                clients.stream().filter(c -> c.doctorOf == d).skip(slot).findFirst().ifPresent(g -> {
                    d.send("admit", Map.of("guestId", g.participantId));
                    admitted.add(new Client[] {d, g});
                });
            }
            for (Client[] p : admitted) {
                if (!p[1].inSession.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("admitted patient got no session within 30 s");
                }
            }
            pairs.addAll(admitted);
        }
        Thread.sleep(1000);
        System.out.printf("admitted: %d pairs; offer/answer relay p50 %.2f ms, p99 %.2f ms (%d messages)%n", pairs.size(),
                cycle.percentile(50) / 1000.0, cycle.percentile(99) / 1000.0, cycle.total());
        for (Client[] p : pairs) {
            if (p[0].sessionId == null) {
                p[0].inSession.await(5, TimeUnit.SECONDS);
            }
        }

        // steady: rate messages/s between admitted pairs, alternating direction, for `seconds`
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int perTick = Math.max(1, rate / 100);
        AtomicLong tick = new AtomicLong();
        Map<String, Object> candidate = Map.of("candidate", Map.of("candidate",
                "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "sdpMid", "0", "sdpMLineIndex", 0));
        // fixed delay, not fixed rate: after a stall no burst of catch-up messages (it would trip the server's
        // 50 messages/s per connection limit); the rate actually reached is printed as "out msg/s"
        ticker.scheduleWithFixedDelay(() -> {
            for (int i = 0; i < perTick; i++) {
                Client[] p = pairs.get((int) (tick.getAndIncrement() % pairs.size()));
                if (ThreadLocalRandom.current().nextBoolean()) {
                    p[0].signal(p[1], candidate);
                } else {
                    p[1].signal(p[0], candidate);
                }
            }
        }, 10, 10, TimeUnit.MILLISECONDS);
        int warmup = Math.min(10, seconds / 3);
        Thread.sleep(warmup * 1000L);
        latencies.reset();
        var buckets0 = relayBuckets();
        long s0 = sent.get();
        long r0 = received.get();
        long e0 = errors.get();
        long m0 = System.nanoTime();
        for (int s = 5; s <= seconds; s += 5) {
            Thread.sleep(5000);
            long held = clients.stream().filter(c -> c.conn != null && c.conn.active()).count();
            double secs = (System.nanoTime() - m0) / 1e9;
            System.out.printf("t=%3ds held %d, out %.0f msg/s, in %.0f msg/s, relay p50 %.2f ms p99 %.2f ms, errors %d, heap %s%n",
                    s, held, (sent.get() - s0) / secs, (received.get() - r0) / secs, latencies.percentile(50) / 1000.0,
                    latencies.percentile(99) / 1000.0, errors.get() - e0, heap());
        }
        ticker.shutdownNow();
        var buckets1 = relayBuckets();
        System.out.printf("server-side relay (frame in to hand-off to the socket): p50 %s, p99 %s%n",
                serverPercentile(buckets0, buckets1, 50), serverPercentile(buckets0, buckets1, 99));
        double secs = (System.nanoTime() - m0) / 1e9;
        long held = clients.stream().filter(c -> c.conn != null && c.conn.active()).count();
        System.out.printf("RESULT connections held %d | client->server %.0f msg/s, server->client %.0f msg/s | relayed signals %d: "
                        + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms | errors %d | server heap %s%n",
                held, (sent.get() - s0) / secs, (received.get() - r0) / secs, latencies.total(),
                latencies.percentile(50) / 1000.0, latencies.percentile(99) / 1000.0, latencies.percentile(99.9) / 1000.0,
                errors.get() - e0, heap());
        clients.forEach(c -> {
            if (c.conn != null) {
                c.conn.close();
            }
        });
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Opens the client's socket and says hello; a failed attempt (SYN queue full, slow handshake) is retried. */
    void connect(EventLoopGroup group, URI ws, Client c, InetSocketAddress source, Semaphore inFlight, int attempts) {
        WsConn.open(group, Transports.socketChannel(), ws, source, c::onText).whenComplete((conn, err) -> {
            if (err != null) {
                if (attempts > 1) {
                    group.schedule(() -> connect(group, ws, c, source, inFlight, attempts - 1), 500, TimeUnit.MILLISECONDS);
                } else {
                    errors.incrementAndGet();
                    inFlight.release();
                }
                return;
            }
            c.conn = conn;
            c.send("hello", Map.of("token", c.token));
            inFlight.release();
        });
    }

    /** The server's own relay-latency histogram (cumulative bucket counts by upper bound, seconds). */
    java.util.TreeMap<Double, Double> relayBuckets() {
        java.util.TreeMap<Double, Double> out = new java.util.TreeMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(args.get("admin") + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith("signaling_relay_latency_seconds_bucket{")) {
                    int le = line.indexOf("le=\"") + 4;
                    String bound = line.substring(le, line.indexOf('"', le));
                    out.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        } catch (Exception e) {
            // leave empty
        }
        return out;
    }

    /** Upper bound (ms) of the bucket holding percentile {@code p} of what happened between two scrapes. */
    static String serverPercentile(java.util.TreeMap<Double, Double> before, java.util.TreeMap<Double, Double> after, double p) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return "n/a";
        }
        for (var e : after.entrySet()) {
            double n = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            if (n >= total * p / 100.0) {
                return e.getKey().isInfinite() ? "inf" : String.format("<= %.2f ms", e.getKey() * 1000);
            }
        }
        return "n/a";
    }

    /** Heap used / committed of the server, from its Prometheus endpoint. */
    String heap() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(args.get("admin") + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double used = 0;
            double committed = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("jvm_memory_committed_bytes{area=\"heap\"")) {
                    committed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return String.format("%.0f MiB used / %.0f MiB committed", used / 1048576, committed / 1048576);
        } catch (Exception e) {
            return "(unavailable)";
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        if (!a.containsKey("url") || !a.containsKey("password") || !a.containsKey("admin")) {
            System.err.println("usage: LoadGenerator --url http://127.0.0.1:8080 --admin http://127.0.0.1:9090 --password P "
                    + "[--login admin] [--connections 10000] [--doctors 50] [--rate 1000] [--seconds 60] [--sources 4]");
            System.exit(2);
        }
        new LoadGenerator(a).run();
        System.exit(0);
    }
}
