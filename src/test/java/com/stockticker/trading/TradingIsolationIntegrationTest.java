package com.stockticker.trading;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static com.stockticker.trading.TradingIntegrationTest.Trader;
import static com.stockticker.trading.TradingIntegrationTest.order;
import static com.stockticker.trading.TradingIntegrationTest.position;
import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class TradingIsolationIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void twoUsersNeverSeeEachOthersOrdersOrPortfolio() throws Exception {
        try (Trader a = Trader.connect(port, "isolated-a"); Trader b = Trader.connect(port, "isolated-b")) {
            a.place(order("MSFT", "BUY", "MARKET", "7", null).replace("CLIENT_ID", "a-1"));
            b.place(order("JPM", "BUY", "MARKET", "4", null).replace("CLIENT_ID", "b-1"));
            a.event("a-1", "FILLED");
            b.event("b-1", "FILLED");
            // b tries the destinations that would be a's, resolved and by name.
            String theirs = b.client.subscribe("/user/isolated-a/queue/orders");
            b.client.subscribe("/queue/orders-user" + "isolated-a");
            assertThat(b.client.awaitMessages(b.errors, 2)).extracting(frame -> frame.json().get("code").asString())
                    .containsOnly("FORBIDDEN_DESTINATION");

            // Another tick of activity for a, then look at what b received.
            a.place(order("MSFT", "SELL", "MARKET", "7", null).replace("CLIENT_ID", "a-2"));
            a.event("a-2", "FILLED");
            a.portfolioWith(portfolio -> position(portfolio, "MSFT") != null);
            assertThat(b.client.messages(b.orders)).extracting(frame -> frame.json().get("clientOrderId").asString())
                    .containsOnly("b-1");
            assertThat(b.client.messages(b.portfolio)).allSatisfy(frame ->
                    assertThat(frame.json().get("username").asString()).isEqualTo("isolated-b"));
            assertThat(b.client.messages(theirs)).isEmpty();

            assertThat(rest("/api/orders", "isolated-b").valueStream().map(o -> o.get("clientOrderId").asString()))
                    .containsExactly("b-1");
            assertThat(rest("/api/portfolio", "isolated-a").get("username").asString()).isEqualTo("isolated-a");
        }
    }

    @Test
    void concurrentOrdersAndTicksLeaveCashAndPositionsConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Trader> traders = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> sending = new ArrayList<>();
            for (String user : List.of("concurrent-1", "concurrent-2", "concurrent-3")) {
                // Two sessions per user, racing each other and the ticks for the same account.
                for (int session = 0; session < 2; session++) {
                    Trader trader = Trader.connect(port, user);
                    traders.add(trader);
                    int id = session;
                    sending.add(CompletableFuture.runAsync(() -> sendMix(trader, user + "-" + id), pool));
                }
            }
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();

            for (String user : List.of("concurrent-1", "concurrent-2", "concurrent-3")) {
                Trader watcher = traders.get(List.of("concurrent-1", "concurrent-2", "concurrent-3").indexOf(user) * 2);
                // Every message of both sessions is answered: 10 each, 20 in all, seen by every session of the user.
                List<JsonNode> finals = org.awaitility.Awaitility.await().atMost(StompClient.TIMEOUT).until(
                        () -> lastEventPerOrder(watcher), events -> events.size() == 20);
                JsonNode portfolio = rest("/api/portfolio", user);
                BigDecimal cash = new BigDecimal("100000.00");
                java.util.Map<String, Long> shares = new java.util.HashMap<>();
                for (JsonNode event : finals) {
                    if (event.get("status").asString().equals("FILLED")) {
                        BigDecimal amount = event.get("averagePrice").decimalValue().multiply(BigDecimal.valueOf(event.get("quantity").asLong()));
                        boolean buy = event.get("side").asString().equals("BUY");
                        cash = buy ? cash.subtract(amount) : cash.add(amount);
                        shares.merge(event.get("symbol").asString(), buy ? event.get("quantity").asLong() : -event.get("quantity").asLong(), Long::sum);
                    }
                }
                // Every order of the mix fills at once or is rejected, so nothing rests and the books must balance.
                assertThat(finals).extracting(event -> event.get("status").asString()).containsOnly("FILLED", "REJECTED");
                assertThat(portfolio.get("cash").decimalValue()).as(user).isEqualByComparingTo(cash).isNotNegative();
                shares.forEach((symbol, quantity) -> {
                    JsonNode held = position(portfolio, symbol);
                    assertThat(held == null ? 0 : held.get("quantity").asLong()).as(user + " " + symbol).isEqualTo(quantity);
                });
                assertThat(portfolio.get("positions").valueStream()).allSatisfy(p -> assertThat(p.get("quantity").asLong()).isNotNegative());
            }
        }
        finally {
            traders.forEach(Trader::close);
            pool.shutdownNow();
        }
    }

    /**
     * Ten orders that compete for the same cash and shares: buys, sells of what may not be there yet, and
     * limit buys so high that they fill at once or are rejected for cash.
     */
    private static void sendMix(Trader trader, String prefix) {
        for (int i = 0; i < 10; i++) {
            String body = switch (i % 5) {
                case 0 -> order("AAPL", "BUY", "MARKET", "100", null);
                case 1 -> order("AAPL", "SELL", "MARKET", "60", null);
                case 2 -> order("TSLA", "BUY", "LIMIT", "50", "10000.00");
                case 3 -> order("TSLA", "SELL", "MARKET", "30", null);
                default -> order("AAPL", "BUY", "MARKET", "90", null);
            };
            trader.place(body.replace("CLIENT_ID", prefix + "-" + i));
        }
    }

    /** The latest event of every order a session has heard of, by clientOrderId. */
    private static List<JsonNode> lastEventPerOrder(Trader trader) {
        java.util.Map<String, JsonNode> last = new java.util.LinkedHashMap<>();
        trader.client.messages(trader.orders).stream().map(StompFrame::json)
                .forEach(event -> last.put(event.get("clientOrderId").asString(), event));
        return List.copyOf(last.values());
    }

    private JsonNode rest(String path, String user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":alice-demo").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
