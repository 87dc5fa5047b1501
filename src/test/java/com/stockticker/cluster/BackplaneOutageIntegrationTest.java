package com.stockticker.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Status;

import com.stockticker.support.Monitoring;
import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ stops and starts again under a running core and edge with clients on both: nobody is disconnected,
 * the core's clients carry on, the edge's pause and resume by themselves. Then the core goes, and the edge says
 * so; then a new core comes, and the edge follows its new market.
 */
@Tag("rabbitmq")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackplaneOutageIntegrationTest {

    /** Spring AMQP's listeners try to reconnect every 5 s; RabbitMQ takes a few seconds to start. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    static ServiceInstance core;
    static ServiceInstance edge;

    @BeforeAll
    static void startInstances() {
        core = ServiceInstance.start(rabbit.clusterProperties("core"));
        edge = ServiceInstance.start(Stream.concat(rabbit.clusterProperties("edge").stream(),
                Stream.of("ticker.cluster.request-timeout=1s")).toList());
        await().atMost(RECOVERY).untilAsserted(() -> {
            assertThat(core.readiness()).isEqualTo(200);
            assertThat(edge.readiness()).isEqualTo(200);
        });
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(edge, core).filter(instance -> instance != null).forEach(ServiceInstance::close);
    }

    @Test
    @Order(1)
    void anOutageClosesNoClientAndEverythingResumesByItself() throws Exception {
        try (StompClient onCore = core.connect(); StompClient onEdge = edge.connect();
                StompClient coreTrader = core.connect("cluster-1"); StompClient edgeTrader = edge.connect("cluster-2")) {
            String corePrices = onCore.subscribe("/topic/prices");
            String edgePrices = onEdge.subscribe("/topic/prices");
            String coreOrders = coreTrader.subscribeWithReceipt("/user/queue/orders");
            String edgeOrders = edgeTrader.subscribeWithReceipt("/user/queue/orders");
            String edgeErrors = edgeTrader.subscribeWithReceipt("/user/queue/errors");
            onEdge.awaitMessages(edgePrices, 3);

            rabbit.stop();

            // The core's own clients stream and trade as if nothing happened.
            int coreSeen = onCore.messages(corePrices).size();
            long duringOutage = onCore.awaitMessages(corePrices, coreSeen + 5).get(coreSeen + 4).json().get("seq").asLong();
            coreTrader.sendJson("/app/orders", """
                    {"clientOrderId":"outage-core","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            assertThat(coreTrader.awaitMessages(coreOrders, 2)).extracting(frame -> frame.json().get("status").asString())
                    .containsExactly("NEW", "FILLED");
            // An edge cannot trade without the core, says so at once, and is not ready; the core stays ready.
            edgeTrader.sendJson("/app/orders", """
                    {"clientOrderId":"outage-edge","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            JsonNode refused = edgeTrader.awaitMessages(edgeErrors, 1).get(0).json();
            assertThat(refused.get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(edgeTrader.messages(edgeOrders)).isEmpty();
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(edge.readiness()).isEqualTo(503));
            assertThat(core.readiness()).isEqualTo(200);
            assertThat(edge.bean(BackplaneConnection.class).health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(core.bean(BackplaneConnection.class).health().getDetails()).containsEntry("rabbitmq", "unavailable");
            // What the operators' alerts read (monitoring/prometheus/alerts.yml): StockTickerNotReady names the edge's
            // backplane, and StockTickerBackplaneDropped sees the core drop what it cannot publish.
            assertThat(edge.get("/actuator/prometheus").body()).contains("\nticker_readiness 0.0\n",
                    "\nticker_readiness_component{component=\"backplane\"} 0.0\n");
            assertThat(Monitoring.series(core.get("/actuator/prometheus").body())).containsKeys(Monitoring.CLUSTER_ONLY.toArray(String[]::new));
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(core.get("/actuator/prometheus").body())
                    .containsPattern("\nticker_backplane_dropped_total [1-9]"));

            rabbit.start();

            // The edge's clients get prices again, past a gap: what the core published meanwhile never reached them.
            StompFrame resumed = onEdge.await(frame -> "/topic/prices".equals(frame.destination())
                    && frame.json().get("seq").asLong() > duringOutage);
            assertThat(onEdge.messages(edgePrices)).extracting(frame -> frame.json().get("seq").asLong()).doesNotContain(duringOutage);
            String snapshot = onEdge.subscribe("/app/quotes");
            assertThat(onEdge.awaitMessages(snapshot, 1).get(0).json().get("seq").asLong())
                    .isGreaterThanOrEqualTo(resumed.json().get("seq").asLong());
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(edge.readiness()).isEqualTo(200));

            // Trading on the edge resumes, and its events reach the user here again.
            edgeTrader.sendJson("/app/orders", """
                    {"clientOrderId":"after-outage","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            assertThat(edgeTrader.awaitMessages(edgeOrders, 2)).extracting(frame -> frame.json().get("status").asString())
                    .containsExactly("NEW", "FILLED");

            // Nobody was disconnected.
            for (StompClient client : List.of(onCore, onEdge, coreTrader, edgeTrader)) {
                assertThat(client.closed()).isNotDone();
                assertThat(client.frames()).noneMatch(frame -> frame.command().equals("ERROR"));
            }
        }
    }

    @Test
    @Order(2)
    void withoutTheCoreAnEdgeAnswersTradingWithServiceUnavailable() throws Exception {
        core.close();
        core = null;
        try (StompClient trader = edge.connect("cluster-3")) {
            String errors = trader.subscribeWithReceipt("/user/queue/errors");
            trader.sendJson("/app/orders", """
                    {"clientOrderId":"no-core","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            trader.subscribe("/app/portfolio");

            List<JsonNode> refused = trader.awaitMessages(errors, 2).stream().map(StompFrame::json).toList();
            assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("SERVICE_UNAVAILABLE");
            assertThat(refused).extracting(error -> error.get("destination").asString()).containsExactly("/app/orders", "/app/portfolio");
        }
        HttpResponse<String> portfolio = edge.get("/api/portfolio", "cluster-3");
        assertThat(portfolio.statusCode()).isEqualTo(503);
        assertThat(portfolio.body()).contains("SERVICE_UNAVAILABLE");
    }

    @Test
    @Order(3)
    void whenANewCoreStartsTheEdgeFollowsItsMarketAndSendsItsClientsToResync() throws Exception {
        Instant oldMarketGone = Instant.now();
        try (StompClient client = edge.connect()) {
            client.subscribe("/topic/prices");
            core = ServiceInstance.start(rabbit.clusterProperties("core"));

            // The new market numbers its ticks from 1 again: the edge's clients are told to start afresh.
            assertThat(client.closed()).succeedsWithin(RECOVERY).isEqualTo(1012);
        }
        try (StompClient client = edge.connect()) {
            String snapshot = client.subscribe("/app/quotes");
            String prices = client.subscribe("/topic/prices");
            JsonNode state = client.awaitMessages(snapshot, 1).get(0).json();
            // The edge's market is the new core's: ticked after the old one had gone.
            assertThat(Instant.parse(state.get("timestamp").asString())).isAfter(oldMarketGone);
            // Then live batches after it. The first may be the snapshot's own tick (the book records a tick before it
            // publishes it; the protocol says to skip a batch whose seq the snapshot has), so wait for a later one.
            long snapshotSeq = state.get("seq").asLong();
            assertThat(client.await(frame -> prices.equals(frame.header("subscription")) && frame.json().get("seq").asLong() > snapshotSeq)
                    .json().get("seq").asLong()).isGreaterThan(snapshotSeq);
        }
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(edge.readiness()).isEqualTo(200));
    }
}
