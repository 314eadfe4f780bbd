package de.sprechzimmer.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Executors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {

    record Greeting(String name) {
    }

    HttpServer server;
    String base;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Router router = new Router()
                .get("/api/hello/{name}", ex -> ex.json(Map.of("hello", ex.pathParam("name"))))
                .post("/api/greet", ex -> ex.json(Map.of("hello", ex.bodyJson(Greeting.class).name())))
                .post("/api/slow", ex -> ex.blocking(() -> Map.of("thread", Thread.currentThread().getName())))
                .post("/upload/{id}", ex -> ex.json(Map.of("bytes", ex.bodyBytes().length)))
                .get("/boom", ex -> {
                    throw new IllegalStateException("secret detail");
                });
        server = HttpServer.builder().host("127.0.0.1").port(0).router(router)
                .blockingWorkers(Executors.newFixedThreadPool(1, r -> new Thread(r, "blocking-worker")))
                .bodyLimit("/upload/", 100_000)
                .gate("/upload/", req -> "let-me-in".equals(req.headers().get("X-Key")) ? java.util.Optional.empty()
                        : java.util.Optional.of(HttpError.unauthorized()))
                .websocket("/ws", 1024, () -> new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                        ctx.writeAndFlush(new TextWebSocketFrame("echo:" + frame.text()));
                    }
                })
                .build();
        base = "http://127.0.0.1:" + server.start().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Key", "let-me-in")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesWithParametersAndSecurityHeadersOnEveryResponse() throws Exception {
        HttpResponse<String> ok = get("/api/hello/world");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"hello\":\"world\"}");
        HttpResponse<String> missing = get("/nothing/here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");
        for (HttpResponse<String> r : new HttpResponse[] {ok, missing}) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void malformedJsonAndWrongMethodGetClearErrors() throws Exception {
        assertThat(post("/api/greet", "{\"name\":\"Ada\"}").body()).isEqualTo("{\"hello\":\"Ada\"}");
        HttpResponse<String> bad = post("/api/greet", "{\"name\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid_json");
        HttpResponse<String> unknownField = post("/api/greet", "{\"nom\":\"Ada\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(post("/api/hello/x", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void handlerFailureIsA500WithoutDetails() throws Exception {
        HttpResponse<String> r = get("/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("internal_error").doesNotContain("secret detail");
    }

    @Test
    void blockingWorkRunsOffTheEventLoop() throws Exception {
        assertThat(post("/api/slow", "").body()).contains("blocking-worker");
    }

    @Test
    void bodyLimitsArePerPath() throws Exception {
        assertThat(post("/upload/1", "x".repeat(90_000)).body()).contains("90000");
        HttpResponse<String> tooBig = post("/upload/1", "x".repeat(100_001));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("too_large");
        assertThat(post("/api/greet", "x".repeat(70_000)).statusCode()).isEqualTo(413);
        assertThat(get("/api/hello/still-alive").statusCode()).isEqualTo(200);
    }

    @Test
    void earlyRefusalsReachAClientThatIsStillSending() throws Exception {
        // The server answers before the body is read; a client (a browser uploading) keeps sending and only then
        // reads. Closing at once would reset the connection under the client and lose the answer.
        assertThat(slowUpload("X-Key: let-me-in\r\n")).startsWith("HTTP/1.1 413").contains("too_large");
        assertThat(slowUpload("")).startsWith("HTTP/1.1 401");
        assertThat(post("/upload/1", "x".repeat(10)).body()).contains("10");
    }

    private String slowUpload(String extraHeaders) throws Exception {
        int length = 2_000_000;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(("POST /upload/1 HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "Content-Length: " + length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[100_000];
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk);
                out.flush();
                Thread.sleep(10);
            }
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void websocketEchoesAndRefusesForeignOrigins() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                reply.complete(data.toString());
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        ws.sendText("hi", true);
        assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("echo:hi");
        ws.abort();

        HttpResponse<String> foreign = client.send(HttpRequest.newBuilder(URI.create(base + "/ws"))
                .header("Origin", "https://evil.example")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13")
                .header("Upgrade-Insecure", "1")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isNotEqualTo(101);
    }

    @Test
    void originCheckAllowsSameHostOnly() {
        OriginCheck check = new OriginCheck("/ws", java.util.Set.of("https://praxis.example"));
        assertThat(check.allowed("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(check.allowed("https://praxis.example", "10.0.0.1:8080")).isTrue();
        assertThat(check.allowed("https://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(check.allowed("null", "127.0.0.1:8080")).isFalse();
    }

    @Test
    void gateRefusesBeforeTheBodyIsRead() throws Exception {
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/upload/1"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(90_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\":\"unauthorized\"");
        assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(post("/upload/1", "x".repeat(10)).statusCode()).isEqualTo(200);
        assertThat(get("/api/hello/ungated").statusCode()).isEqualTo(200);
    }
}
