package com.stockticker.trading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.stockticker.support.ChannelStompClient;
import com.stockticker.support.ErrorMessage;
import com.stockticker.support.MessageHandlerTest;
import com.stockticker.support.StompChannels;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders, cancels, resets and trading snapshots over STOMP, through the inbound channel: every reject reason and
 * cancel error that a client can cause, with its message (docs/protocol.md, "Trading"). Each test trades as a user
 * of its own, in this context's own database.
 */
@MessageHandlerTest
class OrderMessageTest {

    private static final String ORDERS = "/app/orders";
    private static final String CANCEL = "/app/orders/cancel";

    @Autowired
    StompChannels stomp;

    @Test
    void everyRejectReasonIsARejectedOrderEventWithItsMessage() {
        try (Trader trader = new Trader(stomp, "rejects")) {
            Map<String, String> orders = new LinkedHashMap<>();
            orders.put("unknown-symbol", order("unknown-symbol", "NOPE", "BUY", "MARKET", "1", null));
            orders.put("fractional", order("fractional", "AAPL", "BUY", "MARKET", "1.5", null));
            orders.put("zero", order("zero", "AAPL", "BUY", "MARKET", "0", null));
            orders.put("too-large", order("too-large", "AAPL", "BUY", "MARKET", "1000001", null));
            orders.put("no-limit", order("no-limit", "AAPL", "BUY", "LIMIT", "1", null));
            orders.put("negative-limit", order("negative-limit", "AAPL", "BUY", "LIMIT", "1", "-5.00"));
            orders.put("market-limit", order("market-limit", "AAPL", "BUY", "MARKET", "1", "100.00"));
            orders.put("text-limit", order("text-limit", "AAPL", "BUY", "LIMIT", "1", "\"100.00\""));
            orders.put("off-grid", order("off-grid", "AAPL", "BUY", "LIMIT", "1", "100.005"));
            orders.put("too-costly", order("too-costly", "AAPL", "BUY", "MARKET", "1000000", null));
            orders.put("short", order("short", "AAPL", "SELL", "MARKET", "1", null));
            orders.put("hold", order("hold", "AAPL", "HOLD", "MARKET", "1", null));
            orders.put("bad id!", order("bad id!", "AAPL", "BUY", "MARKET", "1", null));
            orders.put("number-symbol", order("number-symbol", "AAPL", "BUY", "MARKET", "1", null).replace("\"AAPL\"", "7"));
            orders.put("comment", order("comment", "AAPL", "BUY", "MARKET", "1", null).replace("}", ",\"comment\":\"hi\"}"));
            orders.put("no-side", "{\"clientOrderId\":\"no-side\",\"symbol\":\"AAPL\",\"type\":\"MARKET\",\"quantity\":1}");
            orders.values().forEach(trader::place);

            assertThat(trader.rejection("unknown-symbol")).isEqualTo(new Rejection("UNKNOWN_SYMBOL", "Unknown symbol 'NOPE'", true));
            String wholeNumber = "quantity must be a positive whole number";
            assertThat(trader.rejection("fractional")).isEqualTo(new Rejection("INVALID_QUANTITY", wholeNumber, false));
            assertThat(trader.rejection("zero")).isEqualTo(new Rejection("INVALID_QUANTITY", wholeNumber, true));
            assertThat(trader.rejection("too-large")).isEqualTo(new Rejection("QUANTITY_TOO_LARGE", "quantity must be at most 1000000", true));
            assertThat(trader.rejection("no-limit")).isEqualTo(new Rejection("MISSING_LIMIT_PRICE", "A LIMIT order needs a limitPrice", true));
            assertThat(trader.rejection("negative-limit")).isEqualTo(new Rejection("INVALID_LIMIT_PRICE", "limitPrice must be positive", true));
            assertThat(trader.rejection("market-limit")).isEqualTo(new Rejection("INVALID_LIMIT_PRICE", "A MARKET order has no limitPrice", true));
            assertThat(trader.rejection("text-limit")).isEqualTo(new Rejection("INVALID_LIMIT_PRICE", "limitPrice must be a number", false));
            assertThat(trader.rejection("off-grid"))
                    .isEqualTo(new Rejection("OFF_TICK_GRID", "limitPrice must be a multiple of the tick size 0.01", true));
            Rejection tooCostly = trader.rejection("too-costly");
            assertThat(tooCostly.reason()).isEqualTo("INSUFFICIENT_CASH");
            assertThat(tooCostly.message()).matches("The order costs up to [0-9.]+ and 100000(\\.0+)? is available");
            assertThat(trader.rejection("short"))
                    .isEqualTo(new Rejection("INSUFFICIENT_POSITION", "Selling 1 AAPL but 0 are available; no short selling", true));
            assertThat(trader.rejection("hold")).isEqualTo(new Rejection("INVALID_FIELD", "side must be one of [BUY, SELL], not 'HOLD'", false));
            assertThat(trader.rejection("bad id!")).isEqualTo(new Rejection("INVALID_FIELD",
                    "clientOrderId must be 1-64 letters, digits, '.', '_', ':' or '-'", false));
            assertThat(trader.rejection("number-symbol")).isEqualTo(new Rejection("INVALID_FIELD", "symbol must be a string", false));
            assertThat(trader.rejection("comment")).isEqualTo(new Rejection("UNKNOWN_FIELD", "Unknown field 'comment'", false));
            assertThat(trader.rejection("no-side")).isEqualTo(new Rejection("MISSING_FIELD", "Missing field 'side'", false));
            assertThat(trader.client.messages(trader.errors)).isEmpty();
        }
    }

    @Test
    void aBodyThatIsNoOrderAtAllIsAnError() {
        try (Trader trader = new Trader(stomp, "isolated-a")) {
            trader.place("{\"clientOrderId\":");
            trader.place("[1]");
            trader.client.send("SEND", Map.of("destination", ORDERS, "content-type", "text/plain"),
                    order("plain", "AAPL", "BUY", "MARKET", "1", null));

            List<ErrorMessage> errors = ErrorMessage.of(trader.client.awaitMessages(trader.errors, 3));
            assertThat(errors.get(0).code()).isEqualTo("MALFORMED_JSON");
            assertThat(errors.get(0).message()).startsWith("The body is not valid JSON: ");
            assertThat(errors.subList(1, 3)).containsExactly(
                    new ErrorMessage("INVALID_MESSAGE", "An order is a JSON object", ORDERS),
                    new ErrorMessage("INVALID_MESSAGE", "The body cannot be read: send JSON, with content-type application/json or none", ORDERS));
            assertThat(trader.orders()).isEmpty();
        }
    }

    @Test
    void aCancelNamesExactlyOneOpenOrderOfTheUser() {
        try (Trader trader = new Trader(stomp, "lifecycle")) {
            trader.place(order("gone", "NOPE", "BUY", "MARKET", "1", null));
            String rejected = trader.event("gone", "REJECTED").get("orderId").asString();
            trader.place(order("resting", "KO", "BUY", "LIMIT", "1", "1.00"));
            String resting = trader.event("resting", "NEW").get("orderId").asString();

            trader.client.sendJson(CANCEL, "{}");
            trader.client.sendJson(CANCEL, "{\"orderId\":\"" + resting + "\",\"clientOrderId\":\"resting\"}");
            trader.client.sendJson(CANCEL, "{\"orderId\":\"O-999999\"}");
            trader.client.sendJson(CANCEL, "{\"clientOrderId\":\"nope\"}");
            trader.client.sendJson(CANCEL, "{\"clientOrderId\":\"gone\"}");
            trader.client.sendJson(CANCEL, "{\"orderId\":\"" + resting + "\"}");

            String oneId = "oneIdGiven give exactly one of orderId and clientOrderId";
            assertThat(ErrorMessage.of(trader.client.awaitMessages(trader.errors, 5))).containsExactly(
                    new ErrorMessage("INVALID_MESSAGE", oneId, CANCEL),
                    new ErrorMessage("INVALID_MESSAGE", oneId, CANCEL),
                    new ErrorMessage("ORDER_NOT_FOUND", "No order with orderId 'O-999999'", CANCEL),
                    new ErrorMessage("ORDER_NOT_FOUND", "No order with clientOrderId 'nope'", CANCEL),
                    new ErrorMessage("ORDER_NOT_OPEN", "Order " + rejected + " is REJECTED and can no longer be canceled", CANCEL));
            assertThat(trader.event("resting", "CANCELED").get("orderId").asString()).isEqualTo(resting);
        }
    }

    @Test
    void aLimitOrderThatWouldRestBeyondTheOpenOrdersLimitIsRejected() {
        try (Trader trader = new Trader(stomp, "openorders")) {
            for (int i = 0; i < 5; i++) {
                trader.place(order("open-" + i, "AAPL", "BUY", "LIMIT", "1", "1.00"));
                trader.event("open-" + i, "NEW");
            }
            trader.place(order("open-5", "AAPL", "BUY", "LIMIT", "1", "1.00"));

            assertThat(trader.rejection("open-5")).isEqualTo(new Rejection("TOO_MANY_OPEN_ORDERS", "At most 5 open orders", true));
        }
    }

    @Test
    void beyondTheRateOrdersAreRejectedToTheirSenderAloneAndCancelsRefused() {
        try (Trader sender = new Trader(stomp, "ratelimit"); Trader other = new Trader(stomp, "ratelimit")) {
            // A burst of 20 is taken, then one a second (this context's rate): 40 orders and 10 cancels at once cannot all be.
            int orders = 40;
            for (int i = 0; i < orders; i++) {
                sender.place(order("r-" + i, "NOPE", "BUY", "MARKET", "1", null));
            }
            int cancels = 10;
            for (int i = 0; i < cancels; i++) {
                sender.client.sendJson(CANCEL, "{\"clientOrderId\":\"r-0\"}");
            }

            // Every order is answered to its sender.
            List<JsonNode> answers = sender.client.awaitMessages(sender.orders, orders).stream().map(StompFrame::json).toList();
            List<JsonNode> limited = answers.stream().filter(event -> event.get("reason").asString().equals("RATE_LIMITED")).toList();
            String tooFast = "More than 1 order messages a second; send it again later";
            assertThat(limited).isNotEmpty().allSatisfy(event -> {
                assertThat(event.get("status").asString()).isEqualTo("REJECTED");
                assertThat(event.get("message").asString()).isEqualTo(tooFast);
            });
            // A cancel is refused for the rate, or taken and refused because r-0 was rejected.
            List<ErrorMessage> refused = ErrorMessage.of(sender.client.awaitMessages(sender.errors, cancels));
            assertThat(refused).contains(new ErrorMessage("RATE_LIMITED", tooFast, CANCEL)).allSatisfy(error ->
                    assertThat(error.code()).isIn("RATE_LIMITED", "ORDER_NOT_OPEN"));

            // The user's other session hears of the orders that were taken, and of none refused for the rate.
            List<JsonNode> heard = other.client.awaitMessages(other.orders, orders - limited.size()).stream().map(StompFrame::json).toList();
            assertThat(heard).extracting(event -> event.get("reason").asString()).containsOnly("UNKNOWN_SYMBOL");
        }
    }

    @Test
    void aRetriedClientOrderIdAnswersTheSameOrderAndNeverTradesTwice() {
        try (Trader trader = new Trader(stomp, "alice")) {
            String buy = order("retry-1", "AMD", "BUY", "MARKET", "3", null);
            trader.place(buy);
            JsonNode filled = trader.event("retry-1", "FILLED");
            trader.place(buy);
            trader.place(buy.replace("\"quantity\":3", "\"quantity\":300"));

            List<JsonNode> events = trader.client.awaitMessages(trader.orders, 4).stream().map(StompFrame::json).toList();
            assertThat(events.subList(1, 4)).allSatisfy(event -> {
                assertThat(event.get("orderId").asString()).isEqualTo(filled.get("orderId").asString());
                assertThat(event.get("status").asString()).isEqualTo("FILLED");
                assertThat(event.get("quantity").asLong()).isEqualTo(3);
            });
            assertThat(position(trader.portfolio(), "AMD").get("quantity").asLong()).isEqualTo(3);
        }
    }

    @Test
    void snapshotsShowTheOrdersAndPortfolioAndAResetStartsTheAccountAgain() {
        try (Trader trader = new Trader(stomp, "resetting")) {
            trader.place(order("r-1", "KO", "BUY", "MARKET", "10", null));
            JsonNode filled = trader.event("r-1", "FILLED");
            trader.place(order("r-2", "KO", "BUY", "LIMIT", "10", "1.00"));
            trader.event("r-2", "NEW");

            assertThat(trader.orders()).extracting(order -> order.get("clientOrderId").asString() + " " + order.get("status").asString())
                    .containsExactly("r-1 FILLED", "r-2 NEW");
            JsonNode portfolio = trader.portfolio();
            assertThat(portfolio.get("username").asString()).isEqualTo("resetting");
            assertThat(position(portfolio, "KO").get("quantity").asLong()).isEqualTo(10);
            assertThat(portfolio.get("availableCash").decimalValue()).isEqualByComparingTo(portfolio.get("cash").decimalValue()
                    .subtract(new java.math.BigDecimal("10.00")));
            assertThat(filled.get("averagePrice").decimalValue()).isPositive();

            trader.client.sendJson("/app/account/reset", "{}");

            trader.event("r-2", "CANCELED");
            JsonNode reset = trader.client.await(frame -> trader.portfolioUpdates.equals(frame.header("subscription"))
                    && frame.json().get("positions").isEmpty()).json();
            assertThat(reset.get("cash").decimalValue()).isEqualByComparingTo("100000");
            assertThat(reset.get("availableCash").decimalValue()).isEqualByComparingTo("100000");
            assertThat(trader.orders()).isEmpty();
        }
    }

    private static JsonNode position(JsonNode portfolio, String symbol) {
        return portfolio.get("positions").valueStream().filter(position -> position.get("symbol").asString().equals(symbol))
                .findFirst().orElseThrow();
    }

    /** An order's JSON; a {@code limitPrice} is put in as it is written, so that a test may make it a string. */
    private static String order(String clientOrderId, String symbol, String side, String type, String quantity, String limitPrice) {
        return "{\"clientOrderId\":\"" + clientOrderId + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"" + type
                + "\",\"quantity\":" + quantity + (limitPrice != null ? ",\"limitPrice\":" + limitPrice : "") + "}";
    }

    /** @param read whether the order was read whole, and so has an orderId */
    private record Rejection(String reason, String message, boolean read) {
    }

    /** A logged-in session following its errors, order events and portfolio, each subscribed with a receipt. */
    private static final class Trader implements AutoCloseable {

        final ChannelStompClient client;
        final String errors;
        final String orders;
        final String portfolioUpdates;

        Trader(StompChannels stomp, String username) {
            client = stomp.connect(Map.of("login", username, "passcode", "alice-demo"));
            errors = client.subscribeWithReceipt("/user/queue/errors");
            orders = client.subscribeWithReceipt("/user/queue/orders");
            portfolioUpdates = client.subscribeWithReceipt("/user/queue/portfolio");
        }

        void place(String json) {
            client.sendJson(ORDERS, json);
        }

        JsonNode event(String clientOrderId, String status) {
            return await(orders, event -> clientOrderId.equals(event.get("clientOrderId").asString())
                    && event.get("status").asString().equals(status));
        }

        Rejection rejection(String clientOrderId) {
            JsonNode event = event(clientOrderId, "REJECTED");
            return new Rejection(event.get("reason").asString(), event.get("message").asString(), !event.get("orderId").isNull());
        }

        /** The answer to {@code SUBSCRIBE /app/orders}. */
        List<JsonNode> orders() {
            return snapshot(ORDERS).valueStream().toList();
        }

        /** The answer to {@code SUBSCRIBE /app/portfolio}. */
        JsonNode portfolio() {
            return snapshot("/app/portfolio");
        }

        private JsonNode snapshot(String destination) {
            return client.awaitMessages(client.subscribe(destination), 1).get(0).json();
        }

        private JsonNode await(String subscription, Predicate<JsonNode> match) {
            return client.await(frame -> subscription.equals(frame.header("subscription")) && match.test(frame.json())).json();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
