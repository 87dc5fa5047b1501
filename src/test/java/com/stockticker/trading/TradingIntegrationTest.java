package com.stockticker.trading;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trading over STOMP against the live simulated market; each test trades as a user of its own. Every reject reason,
 * cancel error, the rate limit and retries are OrderMessageTest's.
 */
@LiveServerTest
class TradingIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aMarketOrderFillsAtTheAskAndShowsInThePortfolio() {
        try (Trader trader = Trader.connect(port, "lifecycle")) {
            JsonNode before = trader.portfolioSnapshot();
            trader.place("""
                    {"clientOrderId":"m-1","symbol":"NVDA","side":"BUY","type":"MARKET","quantity":10}""");

            assertThat(trader.event("m-1", "NEW").get("orderId").asString()).startsWith("O-");
            JsonNode filled = trader.event("m-1", "FILLED");
            BigDecimal price = filled.get("averagePrice").decimalValue();
            assertThat(filled.get("filledQuantity").asLong()).isEqualTo(10);

            JsonNode portfolio = trader.portfolioWith(p -> position(p, "NVDA") != null);
            assertThat(portfolio.get("cash").decimalValue()).isEqualByComparingTo(
                    before.get("cash").decimalValue().subtract(price.multiply(BigDecimal.TEN)));
            JsonNode nvda = position(portfolio, "NVDA");
            assertThat(nvda.get("quantity").asLong()).isEqualTo(10);
            assertThat(nvda.get("averageCost").decimalValue()).isEqualByComparingTo(price);

            trader.place("""
                    {"clientOrderId":"m-2","symbol":"NVDA","side":"SELL","type":"MARKET","quantity":10}""");
            assertThat(trader.event("m-2", "FILLED").get("averagePrice").decimalValue()).isPositive();
        }
    }

    @Test
    void aLimitOrderRestsUntilCanceledAndAMarketableOneFillsAtOnce() {
        try (Trader trader = Trader.connect(port, "lifecycle")) {
            trader.place("""
                    {"clientOrderId":"l-1","symbol":"KO","side":"BUY","type":"LIMIT","quantity":5,"limitPrice":1.00}""");
            JsonNode resting = trader.event("l-1", "NEW");
            String ordersSnapshot = trader.client.subscribe("/app/orders");
            assertThat(trader.client.awaitMessages(ordersSnapshot, 1).get(0).json().valueStream()
                    .anyMatch(order -> order.get("clientOrderId").asString().equals("l-1"))).isTrue();

            trader.client.sendJson("/app/orders/cancel", "{\"orderId\":\"" + resting.get("orderId").asString() + "\"}");
            assertThat(trader.event("l-1", "CANCELED").get("filledQuantity").asLong()).isZero();

            // A limit far above the market is marketable: it fills at once, at the ask, which is better.
            trader.place("""
                    {"clientOrderId":"l-2","symbol":"KO","side":"BUY","type":"LIMIT","quantity":5,"limitPrice":500.00}""");
            assertThat(trader.event("l-2", "FILLED").get("averagePrice").decimalValue()).isLessThan(new BigDecimal("500.00"));
        }
    }

    @Test
    void aPortfolioIsRevaluedAsPricesMoveAtMostTwiceASecond() {
        try (Trader trader = Trader.connect(port, "lifecycle")) {
            trader.place("""
                    {"clientOrderId":"hold-1","symbol":"TSLA","side":"BUY","type":"MARKET","quantity":2}""");
            trader.event("hold-1", "FILLED");
            int afterFill = trader.client.awaitMessages(trader.portfolio, 1).size();

            // Nothing more is done: what follows are revaluations at new prices.
            List<JsonNode> revalued = trader.client.awaitMessages(trader.portfolio, afterFill + 4)
                    .subList(afterFill, afterFill + 4).stream().map(StompFrame::json).toList();
            for (int i = 1; i < revalued.size(); i++) {
                java.time.Instant previous = java.time.Instant.parse(revalued.get(i - 1).get("timestamp").asString());
                java.time.Instant next = java.time.Instant.parse(revalued.get(i).get("timestamp").asString());
                assertThat(java.time.Duration.between(previous, next)).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500));
            }
            assertThat(revalued).allSatisfy(portfolio -> assertThat(position(portfolio, "TSLA").get("marketValue").decimalValue())
                    .isEqualByComparingTo(position(portfolio, "TSLA").get("marketPrice").decimalValue().multiply(BigDecimal.valueOf(2))));
        }
    }

    static JsonNode position(JsonNode portfolio, String symbol) {
        return portfolio.get("positions").valueStream()
                .filter(position -> position.get("symbol").asString().equals(symbol)).findFirst().orElse(null);
    }

    static String order(String symbol, String side, String type, String quantity, String limitPrice) {
        return "{\"clientOrderId\":\"CLIENT_ID\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"" + type
                + "\",\"quantity\":" + quantity + (limitPrice != null ? ",\"limitPrice\":" + limitPrice : "") + "}";
    }

    /** A logged-in STOMP client following its orders, portfolio and errors. */
    static final class Trader implements AutoCloseable {

        final StompClient client;
        final String orders;
        final String portfolio;
        final String errors;

        private Trader(StompClient client) {
            this.client = client;
            this.errors = client.subscribe("/user/queue/errors");
            this.orders = client.subscribe("/user/queue/orders");
            this.portfolio = client.subscribe("/user/queue/portfolio");
        }

        static Trader connect(int port, String username) {
            return new Trader(StompClient.connect(URI.create("ws://localhost:" + port + "/ws"),
                    Map.of("login", username, "passcode", "alice-demo")));
        }

        void place(String json) {
            client.sendJson("/app/orders", json);
        }

        JsonNode event(String clientOrderId, String status) {
            return client.await(frame -> orders.equals(frame.header("subscription"))
                    && frame.json().get("clientOrderId").asString().equals(clientOrderId)
                    && frame.json().get("status").asString().equals(status)).json();
        }

        JsonNode error() {
            return client.awaitMessages(errors, 1).get(0).json();
        }

        JsonNode portfolioSnapshot() {
            String snapshot = client.subscribe("/app/portfolio");
            return client.awaitMessages(snapshot, 1).get(0).json();
        }

        JsonNode portfolioWith(java.util.function.Predicate<JsonNode> match) {
            return client.await(frame -> portfolio.equals(frame.header("subscription")) && match.test(frame.json())).json();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
