package com.stockticker.cluster;

import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ stops and starts again under a running core and edge, and they carry on by themselves; then the
 * core goes, and the edge says so; then a new core comes, and the edge follows its new market.
 */
@Tag("rabbitmq")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerOutageIntegrationTest {

    /** The relay tries to reconnect every 5 s; RabbitMQ takes a few seconds to start. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    static ServiceInstance core;
    static ServiceInstance edge;

    @BeforeAll
    static void startInstances() {
        core = ServiceInstance.start(rabbit.relayProperties("core"));
        edge = ServiceInstance.start(Stream.concat(rabbit.relayProperties("edge").stream(),
                Stream.of("ticker.broker.relay.request-timeout=1s")).toList());
        awaitReadiness(200);
    }

    @AfterAll
    static void stopInstances() {
        Stream.of(edge, core).filter(instance -> instance != null).forEach(ServiceInstance::close);
    }

    @Test
    @Order(1)
    void anOutageIsToldToClientsTakesReadinessDownAndIsSurvivedWithoutRestarts() throws Exception {
        long lastSeqBefore;
        try (StompClient client = edge.connect()) {
            String prices = client.subscribe("/topic/prices");
            lastSeqBefore = client.awaitMessages(prices, 3).get(2).json().get("seq").asLong();

            rabbit.stop();

            // The client is told, with an ERROR frame and a close it can retry after.
            StompFrame error = client.await(frame -> frame.command().equals("ERROR"));
            assertThat(error.header("message")).isNotBlank();
            assertThat(client.closed()).succeedsWithin(StompClient.TIMEOUT);
        }
        awaitReadiness(503);
        // The core's market goes on ticking, and the ticks are dropped rather than kept for later.
        double dropped = droppedTicks();
        await().atMost(StompClient.TIMEOUT).until(() -> droppedTicks() > dropped + 5);
        // A client that connects meanwhile is told too.
        try (StompClient early = StompClient.open(edge.ws(), Map.of())) {
            early.send("CONNECT", Map.of("accept-version", "1.2", "host", "localhost"), "");
            assertThat(early.await(frame -> frame.command().equals("ERROR")).header("message")).contains("not available");
        }

        rabbit.start();

        await().atMost(RECOVERY).untilAsserted(() -> {
            assertThat(core.readiness()).isEqualTo(200);
            assertThat(edge.readiness()).isEqualTo(200);
        });
        // A client that reconnects gets the same market, further on: nothing was restarted.
        try (StompClient client = edge.connect(); StompClient onCore = core.connect()) {
            String prices = client.subscribe("/topic/prices");
            long seq = client.awaitMessages(prices, 2).get(1).json().get("seq").asLong();
            assertThat(seq).isGreaterThan(lastSeqBefore + 5);
            String snapshot = client.subscribe("/app/quotes");
            assertThat(client.awaitMessages(snapshot, 1).get(0).json().get("seq").asLong()).isGreaterThanOrEqualTo(seq - 2);
            String corePrices = onCore.subscribe("/topic/prices");
            onCore.awaitMessages(corePrices, 2);
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
        try (StompClient client = edge.connect(); HeadlessChromium chromium = HeadlessChromium.start(1200, 900)) {
            // The dashboard on the edge shows the old market, still, at a tick far on.
            WebDriver page = chromium.driver();
            page.get("http://localhost:" + edge.port() + "/");
            WebDriverWait wait = chromium.waiting(RECOVERY);
            wait.until(driver -> boardSeq(driver) > 0);
            long oldSeq = boardSeq(page);

            String prices = client.subscribe("/topic/prices");
            core = ServiceInstance.start(rabbit.relayProperties("core"));

            // The new market numbers its ticks from 1 again: the edge's clients are told to start afresh.
            long firstSeq = client.awaitMessages(prices, 1).get(0).json().get("seq").asLong();
            assertThat(client.closed()).succeedsWithin(StompClient.TIMEOUT).isEqualTo(1012);
            assertThat(firstSeq).isLessThan(100);

            // The page reconnects by itself and follows the new market, from a low tick on.
            wait.until(driver -> "live".equals(driver.findElement(By.id("status")).getDomAttribute("data-status"))
                    && boardSeq(driver) < oldSeq);
            long newSeq = boardSeq(page);
            wait.until(driver -> boardSeq(driver) > newSeq + 3);
        }
        try (StompClient client = edge.connect()) {
            String snapshot = client.subscribe("/app/quotes");
            String prices = client.subscribe("/topic/prices");
            long snapshotSeq = client.awaitMessages(snapshot, 1).get(0).json().get("seq").asLong();
            long liveSeq = client.awaitMessages(prices, 1).get(0).json().get("seq").asLong();
            assertThat(liveSeq).isBetween(snapshotSeq, snapshotSeq + 3);
        }
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(edge.readiness()).isEqualTo(200));
    }

    private static long boardSeq(WebDriver page) {
        String seq = page.findElement(By.id("board")).getDomAttribute("data-seq");
        return seq == null ? 0 : Long.parseLong(seq);
    }

    private double droppedTicks() {
        return core.bean(MeterRegistry.class).counter("ticker.ticks.dropped").count();
    }

    private static void awaitReadiness(int status) {
        await().atMost(RECOVERY).untilAsserted(() -> {
            assertThat(core.readiness()).isEqualTo(status);
            assertThat(edge.readiness()).isEqualTo(status);
        });
    }
}
