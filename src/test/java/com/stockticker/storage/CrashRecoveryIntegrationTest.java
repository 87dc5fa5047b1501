package com.stockticker.storage;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.stockticker.support.ServiceProcess;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claim of durability, tested the hard way: the service in its own JVM on an embedded database file takes
 * a storm of orders, is killed with SIGKILL part-way, and is started again on the same file. Everything the
 * client was told must be there, the books must add up, and the market must go on. A third service started on
 * the same file meanwhile must not open it.
 */
class CrashRecoveryIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal STARTING_CASH = new BigDecimal("100000");
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN");
    /** Order events to wait for before the kill: enough that the kill lands in the middle of the storm. */
    private static final int EVENTS_BEFORE_KILL = 600;
    /** The order whose sending marks the ticks that must survive (see {@link #volumesSeenIn}), and their candles. */
    private static final int MARK = 100;
    private static final String CANDLES = "/topic/candles.AAPL.1s";

    @TempDir
    Path data;

    @Test
    void aKilledServiceComesBackWithEverythingItToldItsClients() throws Exception {
        List<JsonNode> events;
        List<StompFrame> framesBeforeMark;
        Map<String, Long> quoteSeqs = new HashMap<>();
        long lastTick;
        try (ServiceProcess first = start(); StompClient trader = trader(first)) {
            String orders = trader.subscribe("/user/queue/orders");
            String prices = trader.subscribe("/topic/prices");
            String candles = trader.subscribe(CANDLES);
            trader.awaitMessages(prices, 1);
            // A bar closed before the storm, and so before the mark: it must be there after the restart.
            trader.await(frame -> candles.equals(frame.header("subscription")) && frame.json().get("final").asBoolean());

            Storm storm = new Storm(trader);
            storm.start();
            await().atMost(Duration.ofSeconds(120)).failFast("the storm ended early", () -> !storm.isAlive())
                    .until(() -> trader.messages(orders).size() >= EVENTS_BEFORE_KILL);
            first.kill();
            storm.stopping.set(true);
            storm.join();

            events = trader.messages(orders).stream().map(StompFrame::json).toList();
            framesBeforeMark = storm.framesBeforeMark;
            List<JsonNode> ticks = trader.messages(prices).stream().map(StompFrame::json).toList();
            lastTick = ticks.stream().mapToLong(tick -> tick.get("seq").asLong()).max().orElseThrow();
            ticks.forEach(tick -> tick.get("quotes").forEach(quote -> quoteSeqs.merge(quote.get("symbol").asString(),
                    quote.get("seq").asLong(), Math::max)));
        }
        assertThat(events).as("events for orders sent after the mark").anyMatch(event -> orderIndex(event) > MARK);

        try (ServiceProcess second = start()) {
            Map<String, JsonNode> stored = history(second);

            // Every order the client heard of is there, as it heard of it or further along.
            Map<String, JsonNode> lastHeard = new LinkedHashMap<>();
            events.stream().filter(event -> !event.get("orderId").isNull())
                    .forEach(event -> lastHeard.put(event.get("orderId").asString(), event));
            assertThat(lastHeard).isNotEmpty();
            lastHeard.forEach((orderId, heard) -> {
                assertThat(stored).as("stored orders").containsKey(orderId);
                JsonNode kept = stored.get(orderId);
                String status = heard.get("status").asString();
                assertThat(kept.get("clientOrderId").asString()).isEqualTo(heard.get("clientOrderId").asString());
                if (status.equals("NEW")) {
                    assertThat(kept.get("status").asString()).as(orderId).isIn("NEW", "FILLED", "CANCELED");
                }
                else {
                    assertThat(kept.get("status").asString()).as(orderId).isEqualTo(status);
                    if (status.equals("FILLED")) {
                        assertThat(kept.get("averagePrice").decimalValue()).isEqualByComparingTo(heard.get("averagePrice").decimalValue());
                    }
                }
            });

            try (StompClient trader = trader(second)) {
                String orders = trader.subscribe("/user/queue/orders");
                String errors = trader.subscribe("/user/queue/errors");
                String prices = trader.subscribe("/topic/prices");

                // Resting buys at the last price may fill on any tick: cancel them, so that the books hold still.
                List<String> nearTheMarket = stored.values().stream().filter(order -> order.get("status").asString().equals("NEW")
                        && order.get("limitPrice").decimalValue().compareTo(BigDecimal.ONE) != 0).map(order -> order.get("orderId").asString()).toList();
                nearTheMarket.forEach(orderId -> trader.sendJson("/app/orders/cancel", "{\"orderId\":\"" + orderId + "\"}"));
                nearTheMarket.forEach(orderId -> trader.await(frame -> frame.command().equals("MESSAGE")
                        && (orders.equals(frame.header("subscription")) || errors.equals(frame.header("subscription")))
                        && (frame.body().contains("\"" + orderId + "\"") || frame.body().contains("Order " + orderId + " "))));
                assertBooksAddUp(history(second), JSON.readTree(second.get("/api/portfolio", "alice").body()));

                // A retried clientOrderId is the same order, not a second one.
                JsonNode acknowledged = lastHeard.values().stream().filter(event -> event.get("status").asString().equals("FILLED"))
                        .reduce((earlier, later) -> later).orElseThrow();
                String clientOrderId = acknowledged.get("clientOrderId").asString();
                trader.sendJson("/app/orders", """
                        {"clientOrderId":"%s","symbol":"%s","side":"%s","type":"MARKET","quantity":%d}"""
                        .formatted(clientOrderId, acknowledged.get("symbol").asString(), acknowledged.get("side").asString(),
                                acknowledged.get("quantity").asLong()));
                JsonNode retried = trader.await(frame -> orders.equals(frame.header("subscription"))
                        && frame.json().get("clientOrderId").asString().equals(clientOrderId)).json();
                assertThat(retried.get("orderId").asString()).isEqualTo(acknowledged.get("orderId").asString());
                assertThat(retried.get("status").asString()).isEqualTo("FILLED");

                // The market goes on: numbers above any published before the kill, the day's volume kept.
                JsonNode tick = trader.awaitMessages(prices, 1).get(0).json();
                assertThat(tick.get("seq").asLong()).isGreaterThan(lastTick);
                tick.get("quotes").forEach(quote -> assertThat(quote.get("seq").asLong())
                        .isGreaterThan(quoteSeqs.getOrDefault(quote.get("symbol").asString(), 0L)));
            }
            JsonNode quotes = JSON.readTree(second.get("/api/quotes", null).body());
            Map<String, Long> volumes = volumesSeenIn(framesBeforeMark);
            assertThat(volumes).isNotEmpty();
            quotes.get("quotes").forEach(quote -> {
                String symbol = quote.get("symbol").asString();
                assertThat(quote.get("volume").asLong()).as(symbol).isGreaterThanOrEqualTo(volumes.getOrDefault(symbol, 0L));
            });

            // The candles go on from the stored ones: every bar closed by the mark is there as it was published.
            List<JsonNode> closedBeforeMark = framesBeforeMark.stream().filter(frame -> CANDLES.equals(frame.destination()))
                    .map(StompFrame::json).filter(bar -> bar.get("final").asBoolean()).toList();
            assertThat(closedBeforeMark).isNotEmpty();
            JsonNode kept = JSON.readTree(second.get("/api/candles/AAPL/1s", null).body()).get("candles");
            assertThat(kept.values()).containsAll(closedBeforeMark);

            // One service owns the files: another started on them (a second spring-boot:run, a container started
            // twice on one volume) stops at start-up and says why, and this one goes on.
            try (ServiceProcess intruder = ServiceProcess.start("--ticker.storage.data-directory=" + data)) {
                // A bound on a failure, not a speed (see ServiceProcess): it exits by itself.
                assertThat(intruder.process().waitFor(3, TimeUnit.MINUTES)).as("the second service exited").isTrue();
                intruder.awaitOutput();
                assertThat(intruder.process().exitValue()).isNotZero();
                assertThat(intruder.output()).contains("Database lock acquisition failure");
            }
            assertThat(second.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        }
    }

    /** Cash and positions are what the stored fills say; resting buys reserve their cash. */
    private static void assertBooksAddUp(Map<String, JsonNode> stored, JsonNode portfolio) {
        BigDecimal cash = STARTING_CASH;
        BigDecimal reserved = BigDecimal.ZERO;
        Map<String, Long> positions = new HashMap<>();
        for (JsonNode order : stored.values()) {
            long quantity = order.get("quantity").asLong();
            boolean buy = order.get("side").asString().equals("BUY");
            if (order.get("status").asString().equals("FILLED")) {
                BigDecimal amount = order.get("averagePrice").decimalValue().multiply(BigDecimal.valueOf(quantity));
                cash = buy ? cash.subtract(amount) : cash.add(amount);
                positions.merge(order.get("symbol").asString(), buy ? quantity : -quantity, Long::sum);
            }
            else if (order.get("status").asString().equals("NEW") && buy) {
                reserved = reserved.add(order.get("limitPrice").decimalValue().multiply(BigDecimal.valueOf(quantity)));
            }
        }
        assertThat(portfolio.get("cash").decimalValue()).isEqualByComparingTo(cash);
        assertThat(portfolio.get("availableCash").decimalValue()).isEqualByComparingTo(cash.subtract(reserved));
        Map<String, Long> held = new HashMap<>();
        portfolio.get("positions").forEach(position -> held.put(position.get("symbol").asString(), position.get("quantity").asLong()));
        positions.values().removeIf(quantity -> quantity == 0);
        held.values().removeIf(quantity -> quantity == 0);
        assertThat(held).isEqualTo(positions);
        assertThat(reserved).as("resting buys from before the kill").isPositive();
    }

    private ServiceProcess start() throws Exception {
        return ServiceProcess.start("--ticker.storage.data-directory=" + data, "--ticker.market.seed=42",
                "--ticker.market.tick-interval=50ms", "--ticker.trading.orders-per-second=5000",
                "--ticker.trading.order-burst=5000", "--ticker.trading.max-open-orders=5000").awaitReady();
    }

    private static StompClient trader(ServiceProcess service) {
        return StompClient.connect(service.ws(), Map.of("login", "alice", "passcode", "alice-demo"));
    }

    /** The whole stored history, a page at a time, by orderId. */
    private static Map<String, JsonNode> history(ServiceProcess service) throws Exception {
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        String before = null;
        while (true) {
            JsonNode page = JSON.readTree(service.get("/api/orders?limit=500" + (before != null ? "&before=" + before : ""), "alice").body());
            page.forEach(order -> orders.put(order.get("orderId").asString(), order));
            if (page.size() < 500) {
                return orders;
            }
            before = page.get(page.size() - 1).get("orderId").asString();
        }
    }

    /**
     * The volume of each symbol in the last tick the client had seen when it sent order {@link #MARK}. The
     * service stores a tick before it publishes it and commits in journal order, so once an order sent after
     * that tick was acknowledged, the tick was stored.
     */
    private static Map<String, Long> volumesSeenIn(List<StompFrame> frames) {
        Map<String, Long> volumes = new HashMap<>();
        frames.stream().filter(frame -> "/topic/prices".equals(frame.destination())).forEach(frame -> frame.json().get("quotes")
                .forEach(quote -> volumes.put(quote.get("symbol").asString(), quote.get("volume").asLong())));
        return volumes;
    }

    private static int orderIndex(JsonNode event) {
        String clientOrderId = event.get("clientOrderId").asString();
        return clientOrderId.startsWith("storm-") ? Integer.parseInt(clientOrderId.substring(6)) : -1;
    }

    /**
     * Orders as fast as one connection sends them: market buys and sells that fill at once, limit buys far
     * below the market that rest and reserve cash, cancels of some of those, and limit buys at the last price
     * that rest until a tick fills them. It ends when the connection dies under it.
     */
    private static final class Storm extends Thread {

        private final StompClient trader;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Map<String, String> lastPrices = new HashMap<>();
        private volatile List<StompFrame> framesBeforeMark = List.of();

        Storm(StompClient trader) {
            super("order-storm");
            this.trader = trader;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < 1_000_000 && !stopping.get(); i++) {
                    if (i % 200 == 0) {
                        readPrices(trader.frames());
                    }
                    if (i == MARK) {
                        framesBeforeMark = trader.frames();
                    }
                    send(i);
                }
            }
            catch (RuntimeException connectionGone) {
                // The service was killed under the storm: that is the point.
            }
        }

        private void readPrices(List<StompFrame> frames) {
            frames.stream().filter(frame -> "/topic/prices".equals(frame.destination())).forEach(frame -> frame.json().get("quotes")
                    .forEach(quote -> lastPrices.put(quote.get("symbol").asString(), quote.get("price").decimalValue().toPlainString())));
        }

        private void send(int i) {
            String symbol = SYMBOLS.get(i / 5 % SYMBOLS.size());
            String id = "storm-" + i;
            String order = switch (i % 5) {
                case 0 -> order(id, symbol, "BUY", "MARKET", 1 + i % 3, null);
                case 1 -> order(id, symbol, "SELL", "MARKET", 1, null);
                case 2 -> order(id, symbol, "BUY", "LIMIT", 1, "1.00");
                case 3 -> order(id, symbol, "BUY", "LIMIT", 1, lastPrices.getOrDefault(symbol, "1.00"));
                default -> null;
            };
            if (order != null) {
                trader.sendJson("/app/orders", order);
            }
            else if (i % 10 == 4) {
                trader.sendJson("/app/orders/cancel", "{\"clientOrderId\":\"storm-" + (i - 2) + "\"}");
            }
        }

        private static String order(String id, String symbol, String side, String type, int quantity, String limit) {
            return "{\"clientOrderId\":\"" + id + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side + "\",\"type\":\"" + type
                    + "\",\"quantity\":" + quantity + (limit != null ? ",\"limitPrice\":" + limit : "") + "}";
        }
    }
}
