package com.stockticker.web;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class QuoteApiIntegrationTest {

    @LocalServerPort
    int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port + "/api")
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Test
    void listsTheInstruments() {
        JsonNode instruments = http.get().uri("/instruments").retrieve().body(JsonNode.class);

        assertThat(instruments).hasSize(20);
        JsonNode apple = instruments.get(0);
        assertThat(apple.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(apple.get("name").asString()).isEqualTo("Apple Inc.");
        assertThat(apple.get("tickSize").decimalValue()).isEqualByComparingTo("0.01");
    }

    @Test
    void servesTheSameSnapshotShapeAsStomp() {
        JsonNode snapshot = http.get().uri("/quotes").retrieve().body(JsonNode.class);

        assertThat(snapshot.get("seq").asLong()).isPositive();
        assertThat(snapshot.get("quotes")).hasSize(20);
        assertThat(snapshot.get("quotes").get(0).get("symbol").asString()).isEqualTo("AAPL");
    }

    @Test
    void servesOneQuoteAndItsHistory() {
        JsonNode quote = http.get().uri("/quotes/MSFT").retrieve().body(JsonNode.class);
        JsonNode history = http.get().uri("/quotes/MSFT/history").retrieve().body(JsonNode.class);

        assertThat(quote.get("symbol").asString()).isEqualTo("MSFT");
        assertThat(history.get("symbol").asString()).isEqualTo("MSFT");
        assertThat(history.get("history").size()).isPositive();
    }

    @Test
    void unknownSymbolsAreProblemDetails() {
        for (String path : new String[] { "/quotes/NOPE", "/quotes/NOPE/history" }) {
            ResponseEntity<JsonNode> response = http.get().uri(path).retrieve().toEntity(JsonNode.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("code").asString()).isEqualTo("UNKNOWN_SYMBOL");
            assertThat(response.getBody().get("detail").asString()).isEqualTo("Unknown symbol 'NOPE'");
        }
    }

    @Test
    void theDashboardCarriesTheServersDestinationsAndLimits() {
        String page = RestClient.create("http://localhost:" + port).get().uri("/").retrieve().body(String.class);

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
