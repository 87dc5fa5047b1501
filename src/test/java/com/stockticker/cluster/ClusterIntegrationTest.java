package com.stockticker.cluster;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.stockticker.messaging.ResumeRequest;
import com.stockticker.support.DashboardPage;
import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A core and two edges on one RabbitMQ, as compose.yaml runs a core and edges: clients see one service, and
 * RabbitMQ sees three instances, however many clients there are.
 */
@Tag("rabbitmq")
class ClusterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    static ServiceInstance core;
    static ServiceInstance edge1;
    static ServiceInstance edge2;

    @BeforeAll
    static void startInstances() {
        core = ServiceInstance.start(rabbit.clusterProperties("core"));
        edge1 = ServiceInstance.start(rabbit.clusterProperties("edge"));
        edge2 = ServiceInstance.start(rabbit.clusterProperties("edge"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (ServiceInstance instance : List.of(core, edge1, edge2)) {
                assertThat(instance.readiness()).isEqualTo(200);
            }
        });
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(edge2, edge1, core).filter(instance -> instance != null).forEach(ServiceInstance::close);
    }

    @Test
    void pricesReachClientsOnEveryInstance() {
        try (StompClient onCore = core.connect(); StompClient onEdge1 = edge1.connect(); StompClient onEdge2 = edge2.connect()) {
            String corePrices = onCore.subscribe("/topic/prices");
            String edge1Prices = onEdge1.subscribe("/topic/prices");
            String edge2Prices = onEdge2.subscribe("/topic/prices");
            String edgeApple = onEdge1.subscribe("/topic/prices.AAPL");
            onEdge1.awaitMessages(edgeApple, 2);

            for (StompClient client : List.of(onEdge1, onEdge2)) {
                List<StompFrame> batches = client.awaitMessages(client == onEdge1 ? edge1Prices : edge2Prices, 5);
                // Consecutive batches, each once, the very ones the core's own clients get.
                assertConsecutive(batches);
                StompFrame last = batches.get(batches.size() - 1);
                assertThat(last.destination()).isEqualTo("/topic/prices");
                assertThat(onCore.await(frame -> frame.body().equals(last.body())).destination()).isEqualTo("/topic/prices");
            }
            assertConsecutive(onCore.awaitMessages(corePrices, 5));
            assertThat(onEdge1.messages(edgeApple)).allSatisfy(frame -> {
                assertThat(frame.destination()).isEqualTo("/topic/prices.AAPL");
                assertThat(frame.json().get("symbol").asString()).isEqualTo("AAPL");
            });
        }
    }

    @Test
    void aClientOfOneEdgeResumesOnAnotherWithTheBatchesItMissed() {
        long applied;
        String market;
        try (StompClient onCore = core.connect(); StompClient onEdge1 = edge1.connect()) {
            String coreSnapshot = onCore.subscribe("/topic/prices", Map.of(ResumeRequest.AFTER_HEADER, "0"));
            String prices = onEdge1.subscribe("/topic/prices", Map.of(ResumeRequest.AFTER_HEADER, "0"));
            StompFrame snapshot = onEdge1.awaitMessages(prices, 1).get(0);
            market = snapshot.header(ResumeRequest.MARKET);
            assertThat(snapshot.header(ResumeRequest.SNAPSHOT)).isEqualTo("true");
            assertThat(market).as("the core's market").isEqualTo(onCore.awaitMessages(coreSnapshot, 1).get(0).header(ResumeRequest.MARKET));
            List<StompFrame> frames = onEdge1.awaitMessages(prices, 4);
            applied = frames.get(frames.size() - 1).json().get("seq").asLong();
        }
        try (StompClient watcher = edge2.connect(); StompClient onEdge2 = edge2.connect()) {
            // Edge 2 gets the core's batches on its own, maybe a moment after edge 1: it resumes a client once it
            // has published the client's last batch itself (before that, the client would be ahead of it).
            String watched = watcher.subscribe("/topic/prices");
            watcher.await(frame -> watched.equals(frame.header("subscription")) && frame.json().get("seq").asLong() >= applied);
            String prices = onEdge2.subscribe("/topic/prices",
                    Map.of(ResumeRequest.AFTER_HEADER, Long.toString(applied), ResumeRequest.MARKET_HEADER, market));

            List<StompFrame> batches = onEdge2.awaitMessages(prices, 5);
            assertThat(batches.get(0).header(ResumeRequest.SNAPSHOT)).isNull();
            assertThat(batches.get(0).json().get("seq").asLong()).isEqualTo(applied + 1);
            assertConsecutive(batches);
        }
    }

    @Test
    void candlesAreTheSameOnEveryInstanceFromTheCoresHistoryOn() throws Exception {
        try (StompClient onCore = core.connect(); StompClient onEdge = edge1.connect()) {
            onCore.subscribe("/topic/candles.AAPL.1s");
            String edgeCandles = onEdge.subscribe("/topic/candles.AAPL.1s");

            StompFrame closed = onEdge.await(frame -> edgeCandles.equals(frame.header("subscription"))
                    && frame.json().get("final").asBoolean());
            assertThat(onCore.await(frame -> frame.body().equals(closed.body())).destination()).isEqualTo("/topic/candles.AAPL.1s");
        }
        // The edges started after the core: their first bars are the core's, handed over with its state.
        JsonNode onCore = JSON.readTree(core.get("/api/candles/AAPL/1m").body()).get("candles").get(0);
        JsonNode onEdge = JSON.readTree(edge2.get("/api/candles/AAPL/1m").body()).get("candles").get(0);
        assertThat(onEdge.get("start")).isEqualTo(onCore.get("start"));
        assertThat(onEdge.get("open")).isEqualTo(onCore.get("open"));
    }

    @Test
    void snapshotsTheRestApiAndManagedSubscriptionsWorkOnAnEdge() throws Exception {
        try (StompClient client = edge2.connect()) {
            String prices = client.subscribe("/topic/prices");
            long live = client.awaitMessages(prices, 1).get(0).json().get("seq").asLong();

            String snapshot = client.subscribe("/app/quotes");
            JsonNode all = client.awaitMessages(snapshot, 1).get(0).json();
            assertThat(all.get("quotes")).hasSize(20);
            // The edge's book has every batch its clients have had.
            assertThat(all.get("seq").asLong()).isGreaterThanOrEqualTo(live);
            String history = client.subscribe("/app/quotes/MSFT");
            assertThat(client.awaitMessages(history, 1).get(0).json().get("history").size()).isGreaterThan(1);

            JsonNode rest = JSON.readTree(edge2.get("/api/quotes/AAPL").body());
            assertThat(rest.get("symbol").asString()).isEqualTo("AAPL");

            String managed = client.subscribeWithReceipt("/user/queue/quotes");
            client.sendJson("/app/subscriptions", """
                    {"action":"subscribe","symbols":["AAPL","MSFT"],"maxRate":10}""");
            List<StompFrame> stream = client.awaitMessages(managed, 3);
            assertThat(stream.get(0).json().get("type").asString()).isEqualTo("snapshot");
            assertThat(stream.get(0).destination()).isEqualTo("/user/queue/quotes");
            assertThat(stream.get(2).json().get("type").asString()).isEqualTo("update");
        }
    }

    @Test
    void anOrderThroughOneEdgeIsFilledByTheCoreAndReachesThatUsersSessionsOnEveryEdgeAndNobodyElse() throws Exception {
        try (StompClient watcher = edge2.connect("cluster-1"); StompClient trader = edge1.connect("cluster-1");
                StompClient otherOnEdge2 = edge2.connect("cluster-2"); StompClient otherOnCore = core.connect("cluster-2")) {
            String watched = watcher.subscribeWithReceipt("/user/queue/orders");
            String watchedPortfolio = watcher.subscribeWithReceipt("/user/queue/portfolio");
            String traded = trader.subscribeWithReceipt("/user/queue/orders");
            List<String> othersOrders = List.of(otherOnEdge2.subscribeWithReceipt("/user/queue/orders"),
                    otherOnCore.subscribeWithReceipt("/user/queue/orders"));
            String othersPortfolio = otherOnEdge2.subscribeWithReceipt("/user/queue/portfolio");
            // Edge 2 routes cluster-1's events to itself once RabbitMQ has its binding; the order waits for edge 1's.
            await().atMost(RabbitMq.CTL_TIMEOUT).untilAsserted(() -> assertThat(rabbit.bindings())
                    .filteredOn(binding -> binding.startsWith("ticker.users\t") && binding.endsWith("\tcluster-1")).hasSize(2));

            trader.sendJson("/app/orders", """
                    {"clientOrderId":"cluster-1","symbol":"KO","side":"BUY","type":"MARKET","quantity":3}""");

            for (StompClient client : List.of(trader, watcher)) {
                List<JsonNode> events = client.awaitMessages(client == trader ? traded : watched, 2).stream().map(StompFrame::json).toList();
                assertThat(events).extracting(event -> event.get("status").asString()).containsExactly("NEW", "FILLED");
                assertThat(events.get(1).get("clientOrderId").asString()).isEqualTo("cluster-1");
            }
            assertThat(watcher.awaitMessages(watchedPortfolio, 1).get(0).json().get("positions").get(0).get("symbol").asString())
                    .isEqualTo("KO");

            // Snapshots through an edge come from the core's desk.
            String orders = watcher.subscribe("/app/orders");
            assertThat(watcher.awaitMessages(orders, 1).get(0).json().get(0).get("status").asString()).isEqualTo("FILLED");
            String portfolio = trader.subscribe("/app/portfolio");
            assertThat(trader.awaitMessages(portfolio, 1).get(0).json().get("positions").get(0).get("quantity").asLong()).isEqualTo(3);
            assertThat(edge1.get("/api/portfolio", "cluster-1").body()).contains("\"symbol\":\"KO\"");

            // Another user's own order goes through the same queues, after cluster-1's: once it is there, nothing
            // of cluster-1's can still be on its way to cluster-2.
            otherOnEdge2.sendJson("/app/orders", """
                    {"clientOrderId":"cluster-2-own","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            for (int i = 0; i < othersOrders.size(); i++) {
                StompClient other = i == 0 ? otherOnEdge2 : otherOnCore;
                List<StompFrame> events = other.awaitMessages(othersOrders.get(i), 2);
                assertThat(events).extracting(frame -> frame.json().get("clientOrderId").asString()).containsOnly("cluster-2-own");
            }
            assertThat(otherOnEdge2.messages(othersPortfolio)).noneMatch(frame -> frame.body().contains("cluster-1"));
        }
    }

    @Test
    void anEdgeAnswersTheHistoryAndResetsAccountsThroughTheCore() throws Exception {
        try (StompClient trader = edge1.connect("cluster-4")) {
            String orders = trader.subscribeWithReceipt("/user/queue/orders");
            String portfolio = trader.subscribeWithReceipt("/user/queue/portfolio");
            for (String id : List.of("history-1", "history-2")) {
                trader.sendJson("/app/orders", """
                        {"clientOrderId":"%s","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""".formatted(id));
            }
            assertThat(trader.awaitMessages(orders, 4)).extracting(frame -> frame.json().get("status").asString())
                    .containsExactly("NEW", "FILLED", "NEW", "FILLED");

            // The history is the core's database, a page at a time, whichever instance is asked.
            JsonNode page = JSON.readTree(edge2.get("/api/orders?status=FILLED&limit=1", "cluster-4").body());
            assertThat(page).hasSize(1);
            assertThat(page.get(0).get("clientOrderId").asString()).isEqualTo("history-2");
            JsonNode next = JSON.readTree(edge2.get("/api/orders?limit=1&before=" + page.get(0).get("orderId").asString(),
                    "cluster-4").body());
            assertThat(next.get(0).get("clientOrderId").asString()).isEqualTo("history-1");
            assertThat(edge1.get("/api/orders?limit=0", "cluster-4").statusCode()).isEqualTo(400);

            trader.sendJson("/app/account/reset", "{}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(trader.messages(portfolio))
                    .anyMatch(frame -> frame.json().get("positions").isEmpty()
                            && frame.json().get("cash").decimalValue().compareTo(new BigDecimal("100000")) == 0));
            assertThat(JSON.readTree(edge2.get("/api/orders", "cluster-4").body())).isEmpty();
        }
    }

    @Test
    void onAnEdgeTheDashboardStreamsAndTrades() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 1000)) {
            WebDriver page = chromium.driver();
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
            DashboardPage dashboard = new DashboardPage(chromium, wait, "http://localhost:" + edge1.port());
            dashboard.logIn("cluster-3", "alice-demo");
            dashboard.awaitLive();
            WebElement apple = page.findElement(By.cssSelector("#board tbody tr[data-symbol='AAPL']"));
            wait.until(driver -> !apple.findElement(By.cssSelector("td:nth-child(3)")).getText().isEmpty());
            wait.until(driver -> !driver.findElement(By.id("portfolio-cash")).getText().isEmpty());

            dashboard.placeOrder("AAPL", "2");

            // Read in one script each: the page redraws these rows as events and prices arrive.
            String filled = wait.until(driver -> chromium.text("#blotter tbody tr[data-status=FILLED]"));
            assertThat(filled).contains("BUY", "AAPL");
            wait.until(driver -> chromium.text("#positions tbody tr[data-symbol=AAPL]"));
            // Still the first connection: the page never had to reconnect.
            assertThat(dashboard.status()).isEqualTo("live");
            chromium.screenshot("edge-dashboard");
        }
    }

    @Test
    void refusalsFromTheCoreReachTheSessionThatSentTheMessage() {
        try (StompClient trader = edge1.connect("cluster-2"); StompClient bystander = edge2.connect("cluster-2")) {
            String errors = trader.subscribeWithReceipt("/user/queue/errors");
            String bystanderErrors = bystander.subscribeWithReceipt("/user/queue/errors");
            String orders = trader.subscribeWithReceipt("/user/queue/orders");
            trader.sendJson("/app/orders/cancel", """
                    {"orderId":"O-999999"}""");
            trader.sendJson("/app/orders", """
                    {"clientOrderId":"cluster-2","symbol":"KO","side":"BUY","type":"MARKET","quantity":1,"comment":"x"}""");

            JsonNode error = trader.awaitMessages(errors, 1).get(0).json();
            assertThat(error.get("code").asString()).isEqualTo("ORDER_NOT_FOUND");
            assertThat(error.get("destination").asString()).isEqualTo("/app/orders/cancel");
            JsonNode rejected = trader.awaitMessages(orders, 1).get(0).json();
            assertThat(rejected.get("reason").asString()).isEqualTo("UNKNOWN_FIELD");
            // The bystander's errors would have come before the trader's order event, had there been any.
            assertThat(bystander.messages(bystanderErrors)).isEmpty();
        }
    }

    @Test
    void spoofedSendsAreRefusedOnEveryInstance() {
        String spoof = """
                {"seq":1,"timestamp":"2026-01-01T00:00:00Z","quotes":[{"symbol":"AAPL","price":0.01}]}""";
        for (ServiceInstance instance : List.of(core, edge1, edge2)) {
            try (StompClient attacker = instance.connect(); StompClient bystander = instance.connect()) {
                String bystanderPrices = bystander.subscribe("/topic/prices");
                String errors = attacker.subscribeWithReceipt("/user/queue/errors");
                for (String destination : List.of("/topic/prices", "/topic/ticker-internal.core", "/exchange/ticker.market/",
                        "/queue/orders-user" + "x", "/amq/queue/ticker.core.requests")) {
                    attacker.sendJson(destination, spoof);
                }
                List<JsonNode> refused = attacker.awaitMessages(errors, 5).stream().map(StompFrame::json).toList();
                assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
                int seen = bystander.messages(bystanderPrices).size();
                bystander.awaitMessages(bystanderPrices, seen + 3);
                assertThat(bystander.messages(bystanderPrices)).noneMatch(frame -> frame.body().contains("0.01}"));
            }
        }
    }

    @Test
    void aClientSuppliedUserHeaderTradesForNobodyButTheAuthenticatedUser() {
        try (StompClient anonymous = edge1.connect(); StompClient attacker = edge1.connect("cluster-4");
                StompClient victim = edge2.connect("cluster-2")) {
            String anonymousErrors = anonymous.subscribeWithReceipt("/user/queue/errors");
            String attackerOrders = attacker.subscribeWithReceipt("/user/queue/orders");
            String victimOrders = victim.subscribeWithReceipt("/user/queue/orders");
            Map<String, String> forged = Map.of("destination", "/app/orders", "content-type", "application/json",
                    "ticker-user", "cluster-2", "user", "cluster-2", "simpUser", "cluster-2", "login", "cluster-2");
            String order = """
                    {"clientOrderId":"forged","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""";
            anonymous.send("SEND", forged, order);
            attacker.send("SEND", forged, order);

            assertThat(anonymous.awaitMessages(anonymousErrors, 1).get(0).json().get("code").asString()).isEqualTo("AUTHENTICATION_REQUIRED");
            assertThat(attacker.awaitMessages(attackerOrders, 2)).extracting(frame -> frame.json().get("clientOrderId").asString())
                    .containsOnly("forged");
            // cluster-2's own order follows the forged one through the core: only its own arrives.
            victim.sendJson("/app/orders", """
                    {"clientOrderId":"genuine","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            assertThat(victim.awaitMessages(victimOrders, 2)).extracting(frame -> frame.json().get("clientOrderId").asString())
                    .containsOnly("genuine");
        }
    }

    @Test
    void internalTopicsAndWildcardsCannotBeSubscribed() {
        List<String> forbidden = List.of("/topic/ticker-internal.core", "/topic/#", "/topic/prices.*", "/topic/**");
        try (StompClient snoop = edge1.connect("cluster-3")) {
            String errors = snoop.subscribeWithReceipt("/user/queue/errors");
            forbidden.forEach(snoop::subscribe);
            List<JsonNode> refused = snoop.awaitMessages(errors, forbidden.size()).stream().map(StompFrame::json).toList();
            assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
            assertThat(refused).extracting(error -> error.get("destination").asString()).containsExactlyElementsOf(forbidden);
        }
    }

    @Test
    void heartBeatsAreAgreedAsOnASingleInstance() {
        // The test profile offers 500 ms / 10 s, as a single instance does (StreamingIntegrationTest).
        try (StompClient client = StompClient.connect(edge1.ws(), Map.of("heart-beat", "1000,1000"))) {
            StompFrame connected = client.await(frame -> frame.command().equals("CONNECTED"));
            assertThat(connected.header("heart-beat")).isEqualTo("500,10000");
            await().atMost(StompClient.TIMEOUT).until(() -> client.heartbeats() >= 2);
        }
    }

    @Test
    void twoHundredClientsOnAnEdgeAddNoConnectionQueueOrBindingToRabbitMq() throws Exception {
        List<String> connections = rabbit.connections();
        List<String> queues = queueNames();
        List<String> bindings = marketAndRequestBindings();
        // One connection per instance.
        assertThat(connections).hasSize(3);
        List<StompClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                StompClient client = edge2.connect();
                clients.add(client);
                for (String destination : List.of("/topic/prices", "/topic/prices.AAPL", "/user/queue/quotes")) {
                    client.subscribe(destination);
                }
                // A client's frames are handled in order: with this receipt, all of its SUBSCRIBEs are.
                client.subscribeWithReceipt("/user/queue/errors");
            }
            StompClient last = clients.get(clients.size() - 1);
            last.awaitMessages("sub-1", 1);
            assertThat(edge2.bean(MeterRegistry.class).get("ticker.stomp.sessions").gauge().value()).isGreaterThanOrEqualTo(200);

            assertThat(rabbit.connections()).containsExactlyInAnyOrderElementsOf(connections);
            assertThat(queueNames()).containsExactlyInAnyOrderElementsOf(queues);
            assertThat(marketAndRequestBindings()).containsExactlyInAnyOrderElementsOf(bindings);
        }
        finally {
            clients.forEach(StompClient::close);
        }
    }

    @Test
    void aUserIsOneBindingOnAnEdgeHoweverManySessionsAndNoneAfterTheLast() throws Exception {
        List<StompClient> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                StompClient session = edge1.connect("cluster-3");
                session.subscribeWithReceipt("/user/queue/orders");
                sessions.add(session);
            }
            await().atMost(RabbitMq.CTL_TIMEOUT).untilAsserted(() -> assertThat(userBindings("cluster-3")).hasSize(1));
        }
        finally {
            sessions.forEach(StompClient::close);
        }
        await().atMost(RabbitMq.CTL_TIMEOUT).untilAsserted(() -> assertThat(userBindings("cluster-3")).isEmpty());
    }

    @Test
    void eachInstanceCountsItsOwnSessions() {
        try (StompClient client = edge2.connect("cluster-3")) {
            client.subscribeWithReceipt("/user/queue/portfolio");
            await().atMost(StompClient.TIMEOUT).untilAsserted(() -> {
                assertThat(core.bean(MeterRegistry.class).get("ticker.stomp.sessions").gauge().value()).isZero();
                assertThat(edge2.bean(MeterRegistry.class).get("ticker.stomp.sessions").gauge().value()).isEqualTo(1);
            });
        }
    }

    private static List<String> queueNames() throws Exception {
        return rabbit.queues().stream().map(line -> line.split("\t")[0]).toList();
    }

    /** User bindings come and go with other tests' users; these stay as long as the instances. */
    private static List<String> marketAndRequestBindings() throws Exception {
        return rabbit.bindings().stream().filter(binding -> !binding.startsWith("ticker.users\t")).toList();
    }

    private static List<String> userBindings(String username) throws Exception {
        return rabbit.bindings().stream().filter(binding -> binding.startsWith("ticker.users\t") && binding.endsWith("\t" + username)).toList();
    }

    private static void assertConsecutive(List<StompFrame> batches) {
        List<Long> seqs = batches.stream().map(frame -> frame.json().get("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }
}
