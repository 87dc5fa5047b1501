package com.stockticker.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.stockticker.support.RawWebSocket;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker guesses alice's password with many parallel STOMP CONNECTs from one address. A server of its
 * own, so that its back-off cannot touch the shared test server's logins: one password check at a time, three
 * failures are checked, then every try waits. Back-off and the wait for a check are a minute here, so that
 * nothing depends on how fast the machine is.
 */
class PasswordGuessingIntegrationTest {

    private static final int PARALLEL = 20;
    private static final int TRIES = 60;

    private static ServiceInstance server;

    @BeforeAll
    static void start() {
        server = ServiceInstance.start(List.of("ticker.login.free-failures=3", "ticker.login.first-backoff=1m",
                "ticker.login.concurrent-checks=1", "ticker.login.check-queue-time=1m"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void parallelGuessesGetThreePasswordChecksThenWaitWhileOthersLogInAndPricesFlow() throws Exception {
        try (StompClient sentinel = server.connect()) {
            String prices = sentinel.subscribe("/topic/prices");
            sentinel.awaitMessages(prices, 1);

            List<String> answers = guessInParallel("alice", "not-her-password");

            assertThat(answers).hasSize(TRIES);
            assertThat(answers).filteredOn(StompAuthenticationInterceptor.FAILED::equals).as("password checks").hasSize(3);
            assertThat(answers).filteredOn(answer -> answer.startsWith(StompAuthenticationInterceptor.THROTTLED)).hasSize(TRIES - 3);
            assertThat(logins("FAILED")).isEqualTo(3);
            assertThat(logins("THROTTLED")).isEqualTo(TRIES - 3);

            // Another user, from another address, logs in as usual; alice herself waits, from anywhere.
            try (RawWebSocket bob = RawWebSocket.open(server.port(), "127.0.0.2", 0);
                    RawWebSocket alice = RawWebSocket.open(server.port(), "127.0.0.2", 0)) {
                assertThat(bob.connect("login:bob\npasscode:bob-demo\n")).startsWith("CONNECTED\n").contains("user-name:bob");
                assertThat(alice.connect("login:alice\npasscode:alice-demo\n")).startsWith("ERROR\n")
                        .contains("message:" + StompAuthenticationInterceptor.THROTTLED);
            }
            // And the attacker's address waits for every user name.
            try (StompClient fromAttacker = StompClient.open(server.ws(), Map.of())) {
                fromAttacker.send("CONNECT", Map.of("accept-version", "1.2", "host", "localhost", "login", "bob", "passcode", "bob-demo"), "");
                assertThat(fromAttacker.await(frame -> frame.command().equals("ERROR")).header("message"))
                        .startsWith(StompAuthenticationInterceptor.THROTTLED);
            }

            // Prices never stopped: every batch since the sentinel subscribed, in sequence.
            int seen = sentinel.messages(prices).size();
            List<Long> seqs = sentinel.awaitMessages(prices, seen + 5).stream().map(frame -> frame.json().get("seq").asLong()).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
        }

        // HTTP Basic and the login form share the check, and say when to come back.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/portfolio"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:alice-demo".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(429);
        assertThat(basic.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(formLogin("alice", "alice-demo")).startsWith("/login?throttled=");
    }

    /** {@link #TRIES} CONNECTs with a wrong password, {@link #PARALLEL} at a time; each one's ERROR message. */
    private static List<String> guessInParallel(String username, String password) throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> tries = new ArrayList<>();
            for (int i = 0; i < TRIES; i++) {
                tries.add(attackers.submit(() -> {
                    try (StompClient client = StompClient.open(server.ws(), Map.of())) {
                        client.send("CONNECT", Map.of("accept-version", "1.2", "host", "localhost", "login", username, "passcode", password), "");
                        StompFrame error = client.await(frame -> frame.command().equals("ERROR"));
                        assertThat(client.closed()).succeedsWithin(StompClient.TIMEOUT);
                        return error.header("message");
                    }
                }));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> attempt : tries) {
                answers.add(attempt.get());
            }
            return answers;
        }
        finally {
            attackers.shutdownNow();
        }
    }

    private static double logins(String outcome) {
        return server.count("ticker.logins", "outcome", outcome);
    }

    /** Posts the login form as a browser would; returns where the server redirects. */
    private static String formLogin(String username, String password) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).isTrue();
        String form = "username=" + username + "&password=" + password + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return URI.create(base()).relativize(login.uri().resolve(login.headers().firstValue("Location").orElseThrow())).toString()
                .replaceFirst("^(?!/)", "/");
    }

    private static String base() {
        return "http://localhost:" + server.port();
    }
}
