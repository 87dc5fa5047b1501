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

/** Trading over STOMP against the live simulated market; each test trades as a user of its own. */
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
    void everyRejectReasonComesBackAsARejectedOrder() {
        try (Trader trader = Trader.connect(port, "rejects")) {
            Map<String, String> orders = Map.ofEntries(
                    Map.entry("UNKNOWN_SYMBOL", order("NOPE", "BUY", "MARKET", "1", null)),
                    Map.entry("INVALID_QUANTITY", order("AAPL", "BUY", "MARKET", "1.5", null)),
                    Map.entry("QUANTITY_TOO_LARGE", order("AAPL", "BUY", "MARKET", "1000001", null)),
                    Map.entry("MISSING_LIMIT_PRICE", order("AAPL", "BUY", "LIMIT", "1", null)),
                    Map.entry("INVALID_LIMIT_PRICE", order("AAPL", "BUY", "LIMIT", "1", "-5.00")),
                    Map.entry("OFF_TICK_GRID", order("AAPL", "BUY", "LIMIT", "1", "100.005")),
                    Map.entry("INSUFFICIENT_CASH", order("AAPL", "BUY", "MARKET", "1000000", null)),
                    Map.entry("INSUFFICIENT_POSITION", order("AAPL", "SELL", "MARKET", "1", null)),
                    Map.entry("INVALID_FIELD", order("AAPL", "HOLD", "MARKET", "1", null)));
            orders.forEach((reason, body) -> trader.place(body.replace("CLIENT_ID", reason)));
            trader.place("""
                    {"clientOrderId":"UNKNOWN_FIELD","symbol":"AAPL","side":"BUY","type":"MARKET","quantity":1,"comment":"hi"}""");
            trader.place("""
                    {"clientOrderId":"MISSING_FIELD","symbol":"AAPL","type":"MARKET","quantity":1}""");

            for (String reason : List.of("UNKNOWN_SYMBOL", "INVALID_QUANTITY", "QUANTITY_TOO_LARGE", "MISSING_LIMIT_PRICE",
                    "INVALID_LIMIT_PRICE", "OFF_TICK_GRID", "INSUFFICIENT_CASH", "INSUFFICIENT_POSITION", "INVALID_FIELD",
                    "UNKNOWN_FIELD", "MISSING_FIELD")) {
                JsonNode rejected = trader.event(reason, "REJECTED");
                assertThat(rejected.get("reason").asString()).as(rejected.toString()).isEqualTo(reason);
                assertThat(rejected.get("message").asString()).isNotBlank();
            }

            // Not JSON at all: not an order, so an error, not an order event.
            trader.client.sendJson("/app/orders", "{\"clientOrderId\":");
            assertThat(trader.error().get("code").asString()).isEqualTo("MALFORMED_JSON");
            assertThat(trader.portfolioSnapshot().get("positions")).isEmpty();
        }
    }

    @Test
    void tooManyOpenOrdersAreRejected() {
        try (Trader trader = Trader.connect(port, "openorders")) {
            for (int i = 0; i < 5; i++) {
                trader.place(order("AAPL", "BUY", "LIMIT", "1", "1.00").replace("CLIENT_ID", "open-" + i));
                trader.event("open-" + i, "NEW");
            }
            trader.place(order("AAPL", "BUY", "LIMIT", "1", "1.00").replace("CLIENT_ID", "open-5"));
            assertThat(trader.event("open-5", "REJECTED").get("reason").asString()).isEqualTo("TOO_MANY_OPEN_ORDERS");
        }
    }

    @Test
    void ordersBeyondTheRateAreRejectedNeverDropped() {
        try (Trader trader = Trader.connect(port, "ratelimit")) {
            // The burst is 20 orders; 30 sent at once cannot all pass, and every one gets an answer.
            for (int i = 0; i < 30; i++) {
                trader.place(order("NOPE", "BUY", "MARKET", "1", null).replace("CLIENT_ID", "r-" + i));
            }
            List<JsonNode> answers = trader.client.awaitMessages(trader.orders, 30).stream().map(StompFrame::json).toList();
            assertThat(answers).extracting(event -> event.get("status").asString()).containsOnly("REJECTED");
            assertThat(answers).extracting(event -> event.get("reason").asString()).contains("RATE_LIMITED", "UNKNOWN_SYMBOL");
        }
    }

    @Test
    void aRetriedClientOrderIdReturnsTheSameOrderAndNeverFillsTwice() {
        try (Trader trader = Trader.connect(port, "lifecycle")) {
            String buy = """
                    {"clientOrderId":"retry-1","symbol":"AMD","side":"BUY","type":"MARKET","quantity":3}""";
            trader.place(buy);
            JsonNode filled = trader.event("retry-1", "FILLED");
            trader.place(buy);
            trader.place(buy.replace("\"quantity\":3", "\"quantity\":300"));

            List<JsonNode> events = trader.client.awaitMessages(trader.orders, 4).stream().map(StompFrame::json)
                    .filter(event -> event.get("clientOrderId").asString().equals("retry-1")).toList();
            assertThat(events).hasSize(4);
            assertThat(events.subList(1, 4)).allSatisfy(event -> {
                assertThat(event.get("orderId").asString()).isEqualTo(filled.get("orderId").asString());
                assertThat(event.get("status").asString()).isEqualTo("FILLED");
                assertThat(event.get("quantity").asLong()).isEqualTo(3);
            });
            assertThat(position(trader.portfolioSnapshot(), "AMD").get("quantity").asLong()).isEqualTo(3);
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
