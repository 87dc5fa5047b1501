package com.stockticker.web;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class QuoteApiIntegrationTest {

    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = LenientHttp.to("http://localhost:" + port + "/api");
    }

    @Test
    void servesTheSameSnapshotShapeAsStomp() {
        JsonNode snapshot = http.get().uri("/quotes").retrieve().body(JsonNode.class);

        assertThat(snapshot.get("seq").asLong()).isPositive();
        assertThat(snapshot.get("quotes")).hasSize(20);
        assertThat(snapshot.get("quotes").get(0).get("symbol").asString()).isEqualTo("AAPL");
    }

    @Test
    void theDashboardCarriesTheServersDestinationsAndLimits() {
        // Lenient: the first render of the page, on a busy machine, may take longer than a default client waits.
        String page = LenientHttp.to("http://localhost:" + port).get().uri("/").retrieve().body(String.class);

        java.util.regex.Matcher config = java.util.regex.Pattern
                .compile("<script type=\"application/json\" id=\"ticker-config\">(.*?)</script>").matcher(page);
        assertThat(config.find()).isTrue();
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(config.group(1));
        assertThat(json.get("destinations").get("prices").asString()).isEqualTo("/topic/prices");
        assertThat(json.get("endpoints").get("sockjs").asString()).isEqualTo("/sockjs");
        assertThat(json.get("endpoints").get("websocket").asString()).isEqualTo("/ws?frames=binary");
        assertThat(json.get("limits").get("maxRate").asDouble()).isEqualTo(10.0);
        assertThat(json.get("instruments")).hasSize(20);
        assertThat(json.get("user").isNull()).isTrue();
        assertThat(page).contains("/webjars/stomp__stompjs/", "/webjars/sockjs-client/", "Log in to trade");
    }
}
