package com.stockticker.ops;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.Monitoring;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the Prometheus alerts under {@code monitoring/} read only what the service exports:
 * every metric their expressions name has a series in a running server's {@code /actuator/prometheus}, with the
 * label values they ask for. Series of labelled counters exist once something happened, so the test first does
 * what they count: a login, prices delivered, a rejected order.
 */
@LiveServerTest
class MonitoringIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() {
        try (StompClient trader = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"),
                Map.of("login", "monitoring", "passcode", "alice-demo"))) {
            String orders = trader.subscribe("/user/queue/orders");
            trader.awaitMessages(trader.subscribe("/topic/prices"), 2);
            trader.sendJson("/app/orders", """
                    {"clientOrderId":"monitoring-1","symbol":"NOPE","side":"BUY","type":"MARKET","quantity":1}""");
            assertThat(trader.awaitMessages(orders, 1).get(0).json().get("status").asString()).isEqualTo("REJECTED");

            String exposition = scrape();
            List<Monitoring.Query> queries = Monitoring.allQueries();

            assertThat(queries).hasSizeGreaterThan(20);
            assertThat(queries).allSatisfy(query -> assertThat(query.selectors()).as(query.where()).isNotEmpty());
            assertThat(Monitoring.missing(queries, exposition, Monitoring.CLUSTER_ONLY)).isEmpty();
        }
    }

    @Test
    void readinessIsExportedAsAWholeAndByComponentAsItChanges() {
        Map<String, List<Map<String, String>>> series = Monitoring.series(scrape());
        // The members of management.endpoint.health.group.readiness on a single instance: no backplane.
        assertThat(series.get("ticker_readiness_component")).extracting(labels -> labels.get("component"))
                .containsExactlyInAnyOrder("readinessState", "stompBroker", "market", "storage");
        assertThat(scrape()).contains("\nticker_readiness 1.0\n", "\nticker_readiness_component{component=\"market\"} 1.0\n",
                "\nticker_readiness_component{component=\"readinessState\"} 1.0\n");

        // As when the service is stopping: readiness is read at each scrape, so the next one says so.
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertThat(scrape()).contains("\nticker_readiness 0.0\n", "\nticker_readiness_component{component=\"readinessState\"} 0.0\n",
                    "\nticker_readiness_component{component=\"market\"} 1.0\n");
        }
        finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(scrape()).contains("\nticker_readiness 1.0\n");
    }

    private String scrape() {
        return LenientHttp.to("http://localhost:" + port).get().uri("/actuator/prometheus").retrieve().body(String.class);
    }
}
