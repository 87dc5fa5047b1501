package com.stockticker.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import org.eclipse.jetty.ee11.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LiveServerTest
class StompSecurityIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    /** Which failed logins get this error is StompLoginMessageTest's; this is the close that follows it. */
    @Test
    void aFailedLoginGetsAnErrorAndAClose() {
        try (StompClient client = StompClient.open(ws(), Map.of())) {
            client.send("CONNECT", withVersion(Map.of("login", "alice", "passcode", "wrong")), "");

            StompFrame error = client.await(frame -> frame.command().equals("ERROR"));
            assertThat(error.header("message")).isEqualTo("authentication failed");
            assertThat(client.frames()).noneMatch(frame -> frame.command().equals("CONNECTED"));
            assertThat(client.closed()).succeedsWithin(StompClient.TIMEOUT);
        }
    }

    @Test
    void anonymousClientsWatchPricesButCannotTrade() {
        try (StompClient anonymous = StompClient.connect(ws())) {
            String errors = anonymous.subscribe("/user/queue/errors");
            anonymous.sendJson("/app/orders", """
                    {"clientOrderId":"a1","symbol":"AAPL","side":"BUY","type":"MARKET","quantity":1}""");
            anonymous.sendJson("/app/orders/cancel", """
                    {"orderId":"1"}""");
            anonymous.subscribe("/user/queue/orders");
            anonymous.subscribe("/user/queue/portfolio");
            anonymous.subscribe("/app/portfolio");
            anonymous.subscribe("/app/orders");

            List<JsonNode> refused = anonymous.awaitMessages(errors, 6).stream().map(StompFrame::json).toList();
            assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("AUTHENTICATION_REQUIRED");
            assertThat(refused).extracting(error -> error.get("destination").asString()).containsExactly(
                    "/app/orders", "/app/orders/cancel", "/user/queue/orders", "/user/queue/portfolio", "/app/portfolio", "/app/orders");

            String prices = anonymous.subscribe("/topic/prices");
            anonymous.awaitMessages(prices, 2);
        }
    }

    @Test
    void clientsWithoutACookieLeaveNoHttpSessionBehind() {
        int created = httpSessionsCreated();
        try (StompClient anonymous = StompClient.connect(ws());
                StompClient user = StompClient.connect(ws(), Map.of("login", "alice", "passcode", "alice-demo"))) {
            anonymous.awaitMessages(anonymous.subscribe("/topic/prices"), 1);
            user.awaitMessages(user.subscribe("/topic/prices"), 1);
        }
        // Each would otherwise hold an HTTP session (and its CSRF token) for the session timeout.
        assertThat(httpSessionsCreated()).isEqualTo(created);
    }

    private int httpSessionsCreated() {
        Server jetty = ((JettyWebServer) context.getWebServer()).getServer();
        return jetty.getDescendant(SessionHandler.class).getSessionsCreated();
    }

    @Test
    void aBrowserSessionConnectsWithItsCsrfTokenAndNotWithoutIt() throws Exception {
        Browser browser = Browser.loggedIn(port, "bob", "bob-demo");
        String origin = "http://localhost:" + port;

        try (StompClient withoutToken = StompClient.open(ws(), Map.of("Cookie", browser.cookie(), "Origin", origin))) {
            withoutToken.send("CONNECT", withVersion(Map.of()), "");
            assertThat(withoutToken.await(frame -> frame.command().equals("ERROR")).header("message")).containsIgnoringCase("csrf");
            assertThat(withoutToken.closed()).succeedsWithin(StompClient.TIMEOUT);
        }
        try (StompClient withToken = StompClient.open(ws(), Map.of("Cookie", browser.cookie(), "Origin", origin))) {
            withToken.send("CONNECT", withVersion(Map.of(browser.csrfHeader(), browser.csrfToken())), "");
            assertThat(withToken.await(frame -> frame.command().equals("CONNECTED")).header("user-name")).isEqualTo("bob");
        }
    }

    @Test
    void aPageOnAnotherOriginCannotOpenTheLoggedInUsersSession() throws Exception {
        Browser browser = Browser.loggedIn(port, "bob", "bob-demo");

        assertThatThrownBy(() -> StompClient.open(ws(), Map.of("Cookie", browser.cookie(), "Origin", "https://evil.example")))
                .isInstanceOf(CompletionException.class);
    }

    private URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }

    private static Map<String, String> withVersion(Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("accept-version", "1.2", "host", "localhost"));
        all.putAll(headers);
        return all;
    }

    /** What a browser holds after logging in through the form: a session cookie and the page's CSRF token. */
    private record Browser(String cookie, String csrfHeader, String csrfToken) {

        private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private static final Pattern META = Pattern.compile("<meta name=\"csrf-(header|token)\" content=\"([^\"]+)\"");

        static Browser loggedIn(int port, String username, String password) throws IOException, InterruptedException {
            CookieManager cookies = new CookieManager();
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
            String base = "http://localhost:" + port;
            String loginPage = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher hidden = HIDDEN_CSRF.matcher(loginPage);
            assertThat(hidden.find()).as("the login form carries a CSRF token").isTrue();
            String form = "username=" + username + "&password=" + password + "&_csrf=" + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            // Jetty sends the redirect relative to the request.
            assertThat(login.headers().firstValue("Location")).map(login.uri()::resolve).hasValue(URI.create(base + "/"));

            String home = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(home).contains("id=\"user-name\">" + username + "</strong>");
            Map<String, String> meta = new java.util.HashMap<>();
            Matcher tags = META.matcher(home);
            while (tags.find()) {
                meta.put(tags.group(1), tags.group(2));
            }
            String cookie = cookies.getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElseThrow();
            return new Browser(cookie, meta.get("header"), meta.get("token"));
        }
    }
}
