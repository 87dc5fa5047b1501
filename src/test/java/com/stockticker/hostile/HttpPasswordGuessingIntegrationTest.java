package com.stockticker.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.stockticker.support.RawWebSocket;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A password-guessing client floods HTTP Basic logins from many connections. Once its address is backing off,
 * each guess is refused before Spring Security's filters and only after {@code ticker.login.refusal-delay} (a
 * minute here, so that the refusals are certainly still parked while the test looks), without a thread held
 * per refusal: with more guesses parked than Jetty has threads, another user still logs in at once.
 */
class HttpPasswordGuessingIntegrationTest {

    private static final int JETTY_THREADS = 16;
    private static final int PARKED_GUESSES = 3 * JETTY_THREADS;

    private static final String ATTACKER = "127.0.0.1";

    private static ServiceInstance server;

    @BeforeAll
    static void start() {
        server = ServiceInstance.start(List.of("ticker.login.free-failures=1", "ticker.login.first-backoff=5m",
                "ticker.login.refusal-delay=1m", "server.jetty.threads.max=" + JETTY_THREADS,
                // Parked refusals would hold a graceful shutdown for their minute.
                "server.shutdown=immediate"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusedGuessesAreParkedWithoutAThreadEachWhileAnotherUserLogsIn() throws Exception {
        try (Socket first = basicLogin(ATTACKER, "alice:wrong")) {
            assertThat(statusLine(first)).as("the one free failure").contains(" 401 ");
        }

        List<Socket> guesses = new ArrayList<>();
        try {
            for (int i = 0; i < PARKED_GUESSES; i++) {
                guesses.add(basicLogin(ATTACKER, "alice:guess-" + i));
            }
            // Counted when parked: every guess is refused, none reached a password check.
            await().atMost(StompClient.TIMEOUT).until(() -> logins("THROTTLED") == PARKED_GUESSES);
            assertThat(logins("FAILED")).isEqualTo(1);

            try (Socket bob = basicLogin("127.0.0.2", "bob:bob-demo")) {
                assertThat(statusLine(bob)).as("bob, from another address, while the guesses wait").contains(" 200 ");
            }

            for (Socket guess : guesses) {
                assertThat(guess.getInputStream().available()).as("no answer to a guess before its minute").isZero();
            }
        }
        finally {
            for (Socket guess : guesses) {
                guess.close();
            }
        }
    }

    /** An HTTP Basic login from {@code from}, on a connection of its own. */
    private static Socket basicLogin(String from, String credentials) throws IOException {
        Socket socket = RawWebSocket.socket(server.port(), from);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/portfolio HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static double logins(String outcome) {
        return server.count("ticker.logins", "outcome", outcome);
    }
}
