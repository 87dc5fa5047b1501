package com.stockticker.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@LiveServerTest
class ActuatorIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthAndProbesAnswerAndReadinessWaitsForTheBrokerAndTheMarket() throws Exception {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aSingleInstanceHasNothingOfRabbitMqAndReadinessDoesNotAskForIt() throws Exception {
        // Not even a connection factory: nothing could try to connect.
        assertThat(context.getBeanNamesForType(org.springframework.amqp.rabbit.connection.ConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.springframework.amqp.core.AmqpTemplate.class)).isEmpty();
        String readiness = get("/actuator/health/readiness").body();
        assertThat(readiness).contains("\"status\":\"UP\"").doesNotContain("backplane", "rabbit");
        assertThat(get("/actuator/health").body()).doesNotContain("rabbit");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
        // The build and which core is active (README, "Failover"), for operators and the dashboard's footer.
        assertThat(get("/actuator/info").body()).contains("\"core\":{", "\"state\":\"active\"", "\"epoch\":");
        for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/configprops", "/actuator/loggers", "/actuator/heapdump" }) {
            assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void theMetricsMoveWhenClientsConnectQuotesFlowAndOrdersArePlaced() throws Exception {
        assertThat(scrape()).contains("ticker_ticks_published_total ", "ticker_quotes_published_total ",
                "ticker_stomp_messages_sent_total ", "ticker_stomp_sessions ", "ticker_stomp_subscriptions ",
                "ticker_publish_latency_seconds_bucket");
        double ticks = metric("ticker_ticks_published_total");
        double quotes = metric("ticker_quotes_published_total");
        double sent = metric("ticker_stomp_messages_sent_total");
        double sessions = metric("ticker_stomp_sessions");
        double subscriptions = metric("ticker_stomp_subscriptions");
        double filled = metric("ticker_orders_total{reason=\"none\",status=\"FILLED\"}");
        double unknownSymbol = metric("ticker_orders_total{reason=\"UNKNOWN_SYMBOL\",status=\"REJECTED\"}");

        try (StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), Map.of("login", "ops", "passcode", "alice-demo"))) {
            String orders = client.subscribe("/user/queue/orders");
            String prices = client.subscribe("/topic/prices");
            client.awaitMessages(prices, 3);
            client.sendJson("/app/orders", """
                    {"clientOrderId":"ops-1","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""");
            client.sendJson("/app/orders", """
                    {"clientOrderId":"ops-2","symbol":"NOPE","side":"BUY","type":"MARKET","quantity":1}""");
            client.awaitMessages(orders, 3);

            await().atMost(StompClient.TIMEOUT).untilAsserted(() -> {
                assertThat(metric("ticker_stomp_sessions")).isGreaterThanOrEqualTo(sessions + 1);
                assertThat(metric("ticker_stomp_subscriptions")).isGreaterThanOrEqualTo(subscriptions + 2);
            });
            assertThat(metric("ticker_ticks_published_total")).isGreaterThan(ticks);
            assertThat(metric("ticker_quotes_published_total")).isGreaterThan(quotes);
            assertThat(metric("ticker_stomp_messages_sent_total")).isGreaterThanOrEqualTo(sent + 5);
            assertThat(metric("ticker_orders_total{reason=\"none\",status=\"FILLED\"}")).isEqualTo(filled + 1);
            assertThat(metric("ticker_orders_total{reason=\"UNKNOWN_SYMBOL\",status=\"REJECTED\"}")).isEqualTo(unknownSymbol + 1);
            assertThat(metric("ticker_publish_latency_seconds_count")).isPositive();
            assertThat(scrape()).contains("ticker_stomp_sessions_closed_slow_total");
        }
    }

    @Test
    void openingAConnectionIsNotObservedAsAnHttpRequest() {
        try (StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"))) {
            client.awaitMessages(client.subscribe("/topic/prices"), 1);
        }
        assertThat(meters.find("http.server.requests").tag("uri", "/ws").timers()).isEmpty();
    }

    private double metric(String series) throws Exception {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private String scrape() throws Exception {
        return get("/actuator/prometheus").body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
