package com.stockticker.hostile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.messaging.UserSessionLimitInterceptor;
import com.stockticker.support.PriceSentinel;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one logged-in user can do to everyone else by multiplying sessions and orders, and what it gets: a server
 * of its own with a small session limit and a slow order rate, and a sentinel that must see every batch in
 * sequence after each attack.
 */
class HostileTraderIntegrationTest {

    private static final int MAX_SESSIONS = 5;
    private static final int ORDER_BURST = 3;

    private static ServiceInstance server;
    @RegisterExtension
    final PriceSentinel.EveryTest prices = PriceSentinel.everyTest(() -> server);

    @BeforeAll
    static void start() {
        server = ServiceInstance.start(List.of("ticker.websocket.max-sessions-per-user=" + MAX_SESSIONS,
                "ticker.trading.order-burst=" + ORDER_BURST, "ticker.trading.orders-per-second=1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aUserHoldsAtMostSoManySessionsAtOnce() {
        List<StompClient> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SESSIONS; i++) {
                sessions.add(server.connect("alice"));
            }
            try (StompClient oneTooMany = StompClient.open(server.ws(), Map.of())) {
                oneTooMany.send("CONNECT", login("alice"), "");
                StompFrame error = oneTooMany.await(frame -> frame.command().equals("ERROR"));
                assertThat(error.header("message")).isEqualTo(UserSessionLimitInterceptor.REFUSED + MAX_SESSIONS + " at once; close another first");
                assertThat(oneTooMany.closed()).succeedsWithin(StompClient.TIMEOUT);
            }
            // Another user, and watchers without a login, are not held back by alice's sessions.
            server.connect("lifecycle").close();
            server.connect().close();

            // A session that ends makes room for the next.
            sessions.remove(0).close();
            StompClient next = connectWhenThereIsRoom("alice");
            sessions.add(next);
            assertThat(next.closed()).isNotDone();
        }
        finally {
            sessions.forEach(StompClient::close);
        }
    }

    @Test
    void aRateLimitedOrderIsRefusedToItsSenderAloneAfterTheEventsBeforeIt() {
        try (StompClient sender = server.connect("ratelimit"); StompClient other = server.connect("ratelimit")) {
            String sent = sender.subscribeWithReceipt("/user/queue/orders");
            String seen = other.subscribeWithReceipt("/user/queue/orders");
            int orders = 20;
            for (int i = 0; i < orders; i++) {
                sender.sendJson("/app/orders", """
                        {"clientOrderId":"flood-%d","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""".formatted(i));
            }
            // Every order is answered to its sender: filled, or refused for the rate.
            await().atMost(StompClient.TIMEOUT).until(() -> answeredAll(sender.messages(sent), orders));
            List<StompFrame> answers = sender.messages(sent);
            Set<String> limited = ids(answers, "REJECTED");
            Set<String> filled = ids(answers, "FILLED");
            assertThat(limited).as("refused for the rate").isNotEmpty();
            assertThat(filled).hasSize(orders - limited.size());

            // The user's other session hears of the filled orders, and of nothing that was refused for the rate.
            other.awaitMessages(seen, 2 * filled.size());
            List<StompFrame> heard = other.messages(seen);
            assertThat(ids(heard, "FILLED")).isEqualTo(filled);
            assertThat(heard).noneMatch(frame -> frame.json().get("status").asString().equals("REJECTED"));

            // The sender's refusal comes after the events of the orders it sent before.
            List<String> answered = answers.stream().map(frame -> frame.json().get("clientOrderId").asString()).distinct().toList();
            for (String refused : limited) {
                filled.stream().filter(earlier -> number(earlier) < number(refused)).forEach(earlier ->
                        assertThat(answered.indexOf(refused)).as("%s after %s", refused, earlier).isGreaterThan(answered.indexOf(earlier)));
            }
        }
    }

    private static int number(String clientOrderId) {
        return Integer.parseInt(clientOrderId.substring("flood-".length()));
    }

    private static boolean answeredAll(List<StompFrame> events, int orders) {
        return events.stream().filter(frame -> !frame.json().get("status").asString().equals("NEW"))
                .map(frame -> frame.json().get("clientOrderId").asString()).distinct().count() >= orders;
    }

    private static Set<String> ids(List<StompFrame> events, String status) {
        return events.stream().filter(frame -> frame.json().get("status").asString().equals(status))
                .map(frame -> frame.json().get("clientOrderId").asString()).collect(Collectors.toSet());
    }

    /**
     * The server counts a session out when Spring tells it that the session ended, a moment after the close: until
     * then a CONNECT is refused, and tried again.
     */
    private static StompClient connectWhenThereIsRoom(String username) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            StompClient client = StompClient.open(server.ws(), Map.of());
            client.send("CONNECT", login(username), "");
            StompFrame answer = client.await(frame -> frame.command().equals("CONNECTED") || frame.command().equals("ERROR"));
            if (answer.command().equals("CONNECTED")) {
                return client;
            }
            client.close();
            return null;
        }, Objects::nonNull);
    }

    private static Map<String, String> login(String username) {
        return Map.of("accept-version", "1.2", "host", "localhost", "login", username, "passcode", "alice-demo");
    }
}
