package com.stockticker.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;
import com.stockticker.support.TcpStomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A core and two edges on one RabbitMQ, as compose.yaml runs a core and an edge; clients see one service. */
@Tag("rabbitmq")
class RelayClusterIntegrationTest {

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    static ServiceInstance core;
    static ServiceInstance edge1;
    static ServiceInstance edge2;

    @BeforeAll
    static void startInstances() {
        core = ServiceInstance.start(rabbit.relayProperties("core"));
        edge1 = ServiceInstance.start(rabbit.relayProperties("edge"));
        edge2 = ServiceInstance.start(rabbit.relayProperties("edge"));
        await().atMost(StompClient.TIMEOUT).untilAsserted(() -> {
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
    void aClientOnAnEdgeGetsTheCoresPrices() {
        try (StompClient onCore = core.connect(); StompClient onEdge = edge1.connect()) {
            String corePrices = onCore.subscribe("/topic/prices");
            String edgePrices = onEdge.subscribe("/topic/prices");
            String edgeApple = onEdge.subscribe("/topic/prices.AAPL");
            List<StompFrame> batches = onEdge.awaitMessages(edgePrices, 5);
            onEdge.awaitMessages(edgeApple, 2);
            onCore.awaitMessages(corePrices, 5);

            // Consecutive batches, each once, the very ones the core's own clients get.
            assertConsecutive(batches);
            assertConsecutive(onCore.messages(corePrices));
            StompFrame last = batches.get(batches.size() - 1);
            StompFrame same = onCore.await(frame -> frame.body().equals(last.body()));
            assertThat(same.destination()).isEqualTo("/topic/prices");
            assertThat(last.destination()).isEqualTo("/topic/prices");
            assertThat(onEdge.messages(edgeApple)).allSatisfy(frame -> {
                assertThat(frame.destination()).isEqualTo("/topic/prices.AAPL");
                assertThat(frame.json().get("symbol").asString()).isEqualTo("AAPL");
            });
        }
    }

    @Test
    void snapshotsTheRestApiAndManagedSubscriptionsWorkOnAnEdge() throws Exception {
        try (StompClient client = edge2.connect()) {
            String prices = client.subscribe("/topic/prices");
            long live = client.awaitMessages(prices, 1).get(0).json().get("seq").asLong();

            String snapshot = client.subscribe("/app/quotes");
            JsonNode all = client.awaitMessages(snapshot, 1).get(0).json();
            assertThat(all.get("quotes")).hasSize(20);
            assertThat(all.get("seq").asLong()).isGreaterThanOrEqualTo(live - 2);
            String history = client.subscribe("/app/quotes/MSFT");
            assertThat(client.awaitMessages(history, 1).get(0).json().get("history").size()).isGreaterThan(1);
            // Done with the snapshots, as the dashboard is: RabbitMQ never knew them, and the connection stays.
            client.send("UNSUBSCRIBE", Map.of("id", snapshot), "");
            client.send("UNSUBSCRIBE", Map.of("id", history), "");
            client.send("UNSUBSCRIBE", Map.of("id", "never-subscribed"), "");
            client.send("ACK", Map.of("id", "no-such-message"), "");
            client.send("COMMIT", Map.of("transaction", "no-such-transaction"), "");
            int seen = client.messages(prices).size();
            client.awaitMessages(prices, seen + 5);
            assertThat(client.frames()).noneMatch(frame -> frame.command().equals("ERROR"));
            assertThat(client.closed()).isNotDone();

            JsonNode rest = core.bean(tools.jackson.databind.json.JsonMapper.class).readTree(edge2.get("/api/quotes/AAPL").body());
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
    void anOrderSentThroughOneEdgeIsFilledByTheCoreAndReachesTheUserOnAnotherEdge() throws Exception {
        try (StompClient watcher = edge2.connect("cluster-1"); StompClient trader = edge1.connect("cluster-1")) {
            String watched = watcher.subscribeWithReceipt("/user/queue/orders");
            String watchedPortfolio = watcher.subscribeWithReceipt("/user/queue/portfolio");
            String traded = trader.subscribeWithReceipt("/user/queue/orders");
            trader.sendJson("/app/orders", """
                    {"clientOrderId":"cluster-1","symbol":"KO","side":"BUY","type":"MARKET","quantity":3}""");

            for (StompClient client : List.of(trader, watcher)) {
                List<JsonNode> events = client.awaitMessages(client == trader ? traded : watched, 2).stream().map(StompFrame::json).toList();
                assertThat(events).extracting(event -> event.get("status").asString()).containsExactly("NEW", "FILLED");
                assertThat(events.get(1).get("clientOrderId").asString()).isEqualTo("cluster-1");
            }
            assertThat(watcher.awaitMessages(watchedPortfolio, 1).get(0).json().get("positions").get(0).get("symbol").asString()).isEqualTo("KO");

            // Snapshots through an edge come from the core's desk.
            String orders = watcher.subscribe("/app/orders");
            assertThat(watcher.awaitMessages(orders, 1).get(0).json().get(0).get("status").asString()).isEqualTo("FILLED");
            String portfolio = trader.subscribe("/app/portfolio");
            assertThat(trader.awaitMessages(portfolio, 1).get(0).json().get("positions").get(0).get("quantity").asLong()).isEqualTo(3);
            assertThat(edge1.get("/api/portfolio", "cluster-1").body()).contains("\"symbol\":\"KO\"");
        }
    }

    @Test
    void onAnEdgeTheDashboardStreamsAndTrades() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 1000)) {
            WebDriver page = chromium.driver();
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
            String base = "http://localhost:" + edge1.port();
            page.get(base + "/login");
            page.findElement(By.id("username")).sendKeys("cluster-3");
            page.findElement(By.id("password")).sendKeys("alice-demo");
            page.findElement(By.cssSelector("form button[type=submit]")).click();
            wait.until(driver -> driver.getCurrentUrl().equals(base + "/"));
            wait.until(driver -> "live".equals(driver.findElement(By.id("status")).getDomAttribute("data-status")));
            WebElement apple = page.findElement(By.cssSelector("#board tbody tr[data-symbol='AAPL']"));
            wait.until(driver -> !apple.findElement(By.cssSelector("td:nth-child(3)")).getText().isEmpty());
            wait.until(driver -> !driver.findElement(By.id("portfolio-cash")).getText().isEmpty());

            new Select(page.findElement(By.id("order-symbol"))).selectByValue("AAPL");
            WebElement quantity = page.findElement(By.id("order-quantity"));
            quantity.clear();
            quantity.sendKeys("2");
            page.findElement(By.id("order-submit")).click();

            assertThat(wait.until(driver -> driver.findElement(By.cssSelector("#blotter tbody tr[data-status=FILLED]"))).getText())
                    .contains("BUY", "AAPL");
            wait.until(driver -> driver.findElement(By.cssSelector("#positions tbody tr[data-symbol=AAPL]")));
            // Still the first connection: the page never had to reconnect.
            assertThat(page.findElement(By.id("status")).getDomAttribute("data-status")).isEqualTo("live");
            assertThat(page.findElement(By.id("status-text")).getText()).isEqualTo("Live");
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
            assertThat(bystander.messages(bystanderErrors)).isEmpty();
        }
    }

    @Test
    void aSpoofedSendToATopicIsRefusedByTheServiceAndByRabbitMq() throws Exception {
        try (StompClient attacker = edge1.connect(); StompClient bystander = edge2.connect()) {
            String bystanderPrices = bystander.subscribe("/topic/prices");
            String errors = attacker.subscribeWithReceipt("/user/queue/errors");
            String spoof = """
                    {"seq":1,"timestamp":"2026-01-01T00:00:00Z","quotes":[{"symbol":"AAPL","price":0.01}]}""";
            attacker.sendJson("/topic/prices", spoof);
            attacker.sendJson("/topic/ticker-internal.core", spoof);
            attacker.sendJson("/exchange/amq.topic/prices", spoof);

            List<JsonNode> refused = attacker.awaitMessages(errors, 3).stream().map(StompFrame::json).toList();
            assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
            int seen = bystander.messages(bystanderPrices).size();
            bystander.awaitMessages(bystanderPrices, seen + 5);
            assertThat(bystander.messages(bystanderPrices)).noneMatch(frame -> frame.body().contains("0.01}"));
        }
        // Even a client frame that got past the service could not publish: the clients' RabbitMQ user may not.
        try (TcpStomp client = new TcpStomp(rabbit.stompPort(), RabbitMq.CLIENT_LOGIN, RabbitMq.CLIENT_PASSCODE)) {
            client.send("SEND", Map.of("destination", "/topic/prices"), "spoof");
            assertThat(String.join("\n", client.framesUntilClosed(StompClient.TIMEOUT)))
                    .contains("CONNECTED", "ERROR", "ACCESS_REFUSED", "amq.topic");
        }
    }

    @Test
    void internalTopicsAndWildcardsCannotBeSubscribed() throws Exception {
        List<String> forbidden = List.of("/topic/ticker-internal.user-registry", "/topic/ticker-internal.unresolved-user",
                "/topic/ticker-internal.core", "/topic/#", "/topic/prices.*", "/topic/**");
        try (StompClient snoop = edge1.connect("cluster-3")) {
            String errors = snoop.subscribeWithReceipt("/user/queue/errors");
            List<String> subscriptions = forbidden.stream().map(snoop::subscribe).toList();

            List<JsonNode> refused = snoop.awaitMessages(errors, forbidden.size()).stream().map(StompFrame::json).toList();
            assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
            assertThat(refused).extracting(error -> error.get("destination").asString()).containsExactlyElementsOf(forbidden);
            // Users' sessions are broadcast among instances all the while; none of it reaches the snoop.
            String prices = snoop.subscribe("/topic/prices");
            snoop.awaitMessages(prices, 3);
            assertThat(subscriptions).allSatisfy(subscription -> assertThat(snoop.messages(subscription)).isEmpty());
        }
        // RabbitMQ's topic permissions keep the clients' user from reading them too.
        for (String destination : List.of("/topic/ticker-internal.user-registry", "/topic/#")) {
            try (TcpStomp client = new TcpStomp(rabbit.stompPort(), RabbitMq.CLIENT_LOGIN, RabbitMq.CLIENT_PASSCODE)) {
                client.send("SUBSCRIBE", Map.of("id", "0", "destination", destination), "");
                assertThat(String.join("\n", client.framesUntilClosed(StompClient.TIMEOUT))).as(destination)
                        .contains("ERROR", "access_refused");
            }
        }
    }

    @Test
    void heartBeatsAreAgreedAsWithTheEmbeddedBroker() {
        // The test profile offers 500 ms / 10 s. A client that can send and wants to hear every second gets a
        // heart-beat every second, and need send one only every 10 s.
        try (StompClient client = StompClient.connect(edge1.ws(), Map.of("heart-beat", "1000,1000"))) {
            StompFrame connected = client.await(frame -> frame.command().equals("CONNECTED"));
            assertThat(connected.header("heart-beat")).isEqualTo("1000,10000");
            await().atMost(StompClient.TIMEOUT).until(() -> client.heartbeats() >= 2);
        }
    }

    @Test
    void aSessionsQueuesGoWithIt() throws Exception {
        List<String> before = rabbit.queues();
        List<String> added;
        try (StompClient client = edge1.connect("cluster-3")) {
            for (String queue : List.of("/user/queue/errors", "/user/queue/quotes", "/user/queue/orders", "/user/queue/portfolio")) {
                client.subscribeWithReceipt(queue);
            }

            // A client cannot ask RabbitMQ for a queue of its own making.
            client.send("SUBSCRIBE", Map.of("id", "greedy", "destination", "/topic/prices", "receipt", "greedy", "durable", "true",
                    "auto-delete", "false", "exclusive", "false", "x-queue-name", "stomp-subscription-mine", "ack", "client"), "");
            client.await(frame -> frame.command().equals("RECEIPT") && "greedy".equals(frame.header("receipt-id")));
            client.awaitMessages("greedy", 2);
            added = rabbit.queues().stream().filter(queue -> !before.contains(queue)).toList();
            // One queue per subscription, which RabbitMQ deletes when its subscriber goes: never a durable one.
            assertThat(added).hasSize(5).allSatisfy(queue -> assertThat(queue).matches("stomp-subscription-\\S+\\s+false\\s+true\\s+true"));
        }
        await().atMost(StompClient.TIMEOUT).untilAsserted(() -> assertThat(rabbit.queues()).doesNotContainAnyElementsOf(added));
    }

    @Test
    void theCoresUserRegistryListsTheSessionsThatEdgesHold() {
        try (StompClient client = edge2.connect("cluster-3")) {
            client.subscribeWithReceipt("/user/queue/portfolio");
            client.awaitMessages(client.subscribe("/topic/prices"), 1);
            // Spring's user registry broadcast: each instance tells the others its sessions every 10 s.
            SimpUserRegistry registry = core.bean(SimpUserRegistry.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registry.getUser("cluster-3")).isNotNull()
                    .satisfies(user -> assertThat(user.getSessions()).flatMap(SimpSession::getSubscriptions)
                            .extracting(SimpSubscription::getDestination).contains("/user/queue/portfolio")));
            // Each instance's metrics count its own sessions only.
            await().atMost(StompClient.TIMEOUT).untilAsserted(() -> {
                assertThat(core.bean(MeterRegistry.class).get("ticker.stomp.sessions").gauge().value()).isZero();
                assertThat(edge2.bean(MeterRegistry.class).get("ticker.stomp.sessions").gauge().value()).isEqualTo(1);
            });
        }
    }

    private static void assertConsecutive(List<StompFrame> batches) {
        List<Long> seqs = batches.stream().map(frame -> frame.json().get("seq").asLong()).toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }
}
