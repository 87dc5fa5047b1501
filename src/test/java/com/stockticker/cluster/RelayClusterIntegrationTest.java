package com.stockticker.cluster;

import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A core and two edges on one RabbitMQ, as README.md's compose.yaml runs them; clients see one service. */
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

            // Consecutive batches, the very ones the core's own clients get.
            List<Long> seqs = batches.stream().map(frame -> frame.json().get("seq").asLong()).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
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

            JsonNode rest = core.bean(tools.jackson.databind.json.JsonMapper.class).readTree(edge2.get("/api/quotes/AAPL").body());
            assertThat(rest.get("symbol").asString()).isEqualTo("AAPL");

            String managed = client.subscribe("/user/queue/quotes");
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
            String watched = watcher.subscribe("/user/queue/orders");
            String watchedPortfolio = watcher.subscribe("/user/queue/portfolio");
            String traded = trader.subscribe("/user/queue/orders");
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
    void refusalsFromTheCoreReachTheSessionThatSentTheMessage() {
        try (StompClient trader = edge1.connect("cluster-2"); StompClient bystander = edge2.connect("cluster-2")) {
            String errors = trader.subscribe("/user/queue/errors");
            String bystanderErrors = bystander.subscribe("/user/queue/errors");
            String orders = trader.subscribe("/user/queue/orders");
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
}
