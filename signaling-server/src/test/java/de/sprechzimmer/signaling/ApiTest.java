package de.sprechzimmer.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.session.SessionTickets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API of docs/api.md against the real server. */
class ApiTest {

    @TempDir
    static Path web;
    static TestServer server;
    static Rest rest;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(web.resolve("index.html"), "<h1>Willkommen</h1>");
        Files.writeString(web.resolve("praxis.html"), "<h1>Praxis</h1>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/app.js"), "console.log(1)");
        Files.writeString(web.resolve("secret.txt"), "not served");
        server = TestServer.start(Map.of("web-dir", web.toString(), "public-url", "https://praxis.example/"));
        rest = server.rest();
        admin = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginMeAndLogoutWithBearerTokensOnlyNeverCookies() {
        Rest.Reply wrong = rest.post("/api/login", null, Map.of("login", TestServer.ADMIN, "password", "wrong password!"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("invalid_credentials");
        Rest.Reply unknown = rest.post("/api/login", null, Map.of("login", "nobody", "password", "wrong password!"));
        assertThat(unknown.error()).isEqualTo("invalid_credentials");
        assertThat(unknown.body().get("message").asText()).isEqualTo(wrong.body().get("message").asText());

        String token = rest.login(TestServer.ADMIN, TestServer.PASSWORD);
        Rest.Reply me = rest.get("/api/me", token);
        assertThat(me.body().get("roles")).extracting(n -> n.asText()).containsExactlyInAnyOrder("provider", "practice_admin");
        assertThat(me.raw().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(me.raw().headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
        assertThat(rest.post("/api/logout", token, null).status()).isEqualTo(204);
        assertThat(rest.get("/api/me", token).error()).isEqualTo("unauthorized");
        assertThat(rest.get("/api/me", null).status()).isEqualTo(401);
    }

    @Test
    void aPracticeAdminCreatesAccountsOfItsPractice() {
        Rest.Reply created = rest.post("/api/accounts", admin, Map.of("login", "Dr.Neu", "password", "lang genug 1234",
                "displayName", "Dr. Neu", "roles", List.of("provider")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("login").asText()).isEqualTo("dr.neu");
        assertThat(rest.post("/api/accounts", admin, Map.of("login", "dr.neu", "password", "lang genug 1234",
                "displayName", "x", "roles", List.of("provider"))).error()).isEqualTo("login_taken");
        assertThat(rest.post("/api/accounts", admin, Map.of("login", "dr.kurz", "password", "kurz",
                "displayName", "x", "roles", List.of("provider"))).error()).isEqualTo("weak_password");
        assertThat(rest.post("/api/accounts", admin, "{\"login\":").error()).isEqualTo("invalid_json");
        String provider = rest.login("dr.neu", "lang genug 1234");
        assertThat(rest.get("/api/accounts", provider).status()).isEqualTo(403);
        assertThat(rest.get("/api/accounts", admin).body().get("accounts")).hasSizeGreaterThanOrEqualTo(2);
        // a new account has its own default room, apart from the admin's
        var rooms = rest.get("/api/rooms", provider).body().get("rooms");
        assertThat(rooms).hasSize(1);
        assertThat(rooms.get(0).get("name").asText()).isEqualTo("Sprechstunde");
        assertThat(rooms.get(0).get("id").asText()).isNotEqualTo(rest.firstRoom(admin));
    }

    @Test
    void roomsAndCodesWithValidityLimitsAndLinksInTheFragment() {
        Rest.Reply room = rest.post("/api/rooms", admin, Map.of("name", "Videosprechstunde", "waitingText", "Gleich geht's los"));
        assertThat(room.status()).isEqualTo(201);
        String roomId = room.body().get("id").asText();
        Instant from = server.scheduler.clock().instant();
        Rest.Reply tooLong = rest.post("/api/rooms/" + roomId + "/codes", admin, Map.of("patientName", "Erika",
                "validFrom", from.toString(), "validUntil", from.plusSeconds(30 * 86400 + 1).toString()));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("invalid_validity");
        Rest.Reply code = rest.post("/api/rooms/" + roomId + "/codes", admin, Map.of("patientName", "Erika",
                "validUntil", from.plusSeconds(30 * 86400).toString()));
        assertThat(code.status()).isEqualTo(201);
        String shown = code.body().get("code").asText();
        assertThat(code.body().get("link").asText()).isEqualTo("https://praxis.example/#" + shown);
        assertThat(rest.get("/api/rooms/" + roomId + "/codes", admin).body().get("codes")).hasSize(1);
        assertThat(rest.call("DELETE", "/api/codes/" + code.body().get("id").asText(), admin, null).status()).isEqualTo(204);
        assertThat(rest.post("/api/guest/redeem", null, Map.of("code", shown, "name", "Erika", "consent", true)).error())
                .isEqualTo("invalid_code");
        Rest.Reply patched = rest.call("PATCH", "/api/rooms/" + roomId, admin, Map.of("waitingText", "Neu"));
        assertThat(patched.body().get("name").asText()).isEqualTo("Videosprechstunde");
        assertThat(patched.body().get("waitingText").asText()).isEqualTo("Neu");
        assertThat(rest.call("DELETE", "/api/rooms/" + roomId, admin, null).status()).isEqualTo(204);
        assertThat(rest.get("/api/rooms/" + roomId + "/codes", admin).status()).isEqualTo(404);
    }

    @Test
    void redeemingNeedsConsentAndANameAndAnswersInEnglishOnRequest() {
        String code = rest.code(admin, "Erika");
        assertThat(rest.post("/api/guest/redeem", null, Map.of("code", code, "name", "Erika", "consent", false)).error())
                .isEqualTo("consent_required");
        assertThat(rest.post("/api/guest/redeem", null, Map.of("code", code, "name", " ", "consent", true)).error())
                .isEqualTo("invalid_name");
        Rest.Reply ok = rest.post("/api/guest/redeem", null, Map.of("code", code, "name", "Erika", "consent", true));
        assertThat(ok.body().get("room").get("name").asText()).isEqualTo("Sprechstunde");
        assertThat(ok.body().get("room").get("waitingText").asText()).isEmpty();
        assertThat(rest.get("/api/guest/me", ok.body().get("guestToken").asText()).body().get("name").asText()).isEqualTo("Erika");
    }

    @Test
    void theStatsTicketNamesPracticeAccountAndRole() {
        Rest.Reply r = rest.post("/api/tickets/stats", admin, null);
        SessionTickets.Ticket t = server.tickets.verify(r.body().get("ticket").asText(), "stats").orElseThrow();
        assertThat(t.role()).isEqualTo("admin");
        assertThat(t.sessionId()).isEqualTo(rest.get("/api/me", admin).body().get("practiceId").asText());
        assertThat(t.participantId()).isEqualTo(rest.get("/api/me", admin).body().get("id").asText());
    }

    @Test
    void theWebClientIsServedFromWebDirAndNothingOutsideItsFolders() {
        Rest.Reply index = rest.get("/", null);
        assertThat(index.raw().body()).contains("Willkommen");
        assertThat(index.raw().headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(rest.get("/praxis", null).raw().body()).contains("Praxis");
        assertThat(rest.get("/js/app.js", null).raw().headers().firstValue("Content-Type")).get().asString().contains("javascript");
        assertThat(rest.get("/js/../secret.txt", null).status()).isEqualTo(404);
        assertThat(rest.get("/js/%2e%2e/secret.txt", null).status()).isEqualTo(404);
        assertThat(rest.get("/secret.txt", null).status()).isEqualTo(404);
    }

    @Test
    void redeemIsRateLimitedPerAddressWithRetryAfter() throws Exception {
        try (TestServer own = TestServer.start()) {
            Rest r = own.rest();
            int limited = 0;
            String retryAfter = null;
            for (int i = 0; i < 12; i++) {
                Rest.Reply reply = r.post("/api/guest/redeem", null, Map.of("code", "K7QM-4XRT-9HWP", "name", "x", "consent", true));
                if (reply.status() == 429) {
                    limited++;
                    retryAfter = reply.raw().headers().firstValue("Retry-After").orElse(null);
                    assertThat(reply.error()).isEqualTo("too_many_requests");
                } else {
                    assertThat(reply.error()).isEqualTo("invalid_code");
                }
            }
            assertThat(limited).isEqualTo(2);
            assertThat(retryAfter).isEqualTo("6");
            own.scheduler.advance(java.time.Duration.ofSeconds(6));
            assertThat(r.post("/api/guest/redeem", null, Map.of("code", "K7QM-4XRT-9HWP", "name", "x", "consent", true)).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void withoutAPasswordTheFirstLoginIsPrintedOnceOnTheConsole() throws Exception {
        try (TestServer fresh = TestServer.start(Map.of("bootstrap-password", "", "bootstrap-login", "chefin"))) {
            Matcher m = Pattern.compile("user 'chefin', password '([^']+)'").matcher(fresh.console.toString());
            assertThat(m.find()).isTrue();
            String token = fresh.rest().login("chefin", m.group(1));
            assertThat(fresh.rest().get("/api/rooms", token).body().get("rooms").get(0).get("name").asText()).isEqualTo("Sprechstunde");
        }
        assertThat(server.console.toString()).isEmpty();
    }

    @Test
    void loginsOfDoctorsAndGuestsAreCountedWithTheirKindOfClientNeverTheHeader() {
        String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                + " Version/17.4.1 Mobile/15E148 Safari/604.1";
        String edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                + " Safari/537.36 Edg/131.0.2903.86";
        int before = server.stats.size();
        Rest.Reply login = rest.call("POST", "/api/login", null,
                Map.of("login", TestServer.ADMIN, "password", TestServer.PASSWORD), Map.of("User-Agent", edge));
        String code = rest.code(login.body().get("token").asText(), "Erika");
        rest.call("POST", "/api/guest/redeem", null, Map.of("code", code, "name", "Erika", "consent", true),
                Map.of("User-Agent", safari));
        List<de.sprechzimmer.common.stats.StatsEvent> logins = server.stats.subList(before, server.stats.size()).stream()
                .filter(e -> e.type().equals("login")).toList();
        assertThat(logins).hasSize(2);
        // the server is reached at 127.0.0.1 here: an address is no domain; the loopback client address is cut to /24
        assertThat(logins.get(0).fields()).isEqualTo(Map.of("role", "admin", "client", "browser", "device", "desktop",
                "browser", "edge", "browser-version", "131.0", "os", "windows", "os-version", "10", "ip", "127.0.0.0"));
        assertThat(logins.get(1).fields()).isEqualTo(Map.of("role", "guest", "client", "browser", "device", "mobile",
                "browser", "safari", "browser-version", "17.4", "os", "ios", "os-version", "17.4", "ip", "127.0.0.0"));
        // the guest's login counts for the doctor whose waiting room it is
        assertThat(logins.get(1).account()).isEqualTo(logins.get(0).account());
    }
}
