package com.stockticker.web;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    /** A problem's title is in the request's language; its detail, code and the names it carries stay as they are. */
    @Test
    void problemTitlesFollowAcceptLanguage() {
        JsonNode english = problem("/quotes/NOPE", null, HttpStatus.NOT_FOUND);
        assertThat(english.get("title").asString()).isEqualTo("Unknown symbol");

        JsonNode chinese = problem("/quotes/NOPE", "zh-CN,zh;q=0.9", HttpStatus.NOT_FOUND);
        assertThat(chinese.get("title").asString()).isEqualTo("未知的股票代码");
        assertThat(chinese.get("detail").asString()).isEqualTo("Unknown symbol 'NOPE'");
        assertThat(chinese.get("code").asString()).isEqualTo("UNKNOWN_SYMBOL");
        assertThat(chinese.get("symbol").asString()).isEqualTo("NOPE");

        assertThat(problem("/candles/NOPE/1m", "zh-CN", HttpStatus.NOT_FOUND).get("title").asString()).isEqualTo("未知的股票代码");
        assertThat(problem("/candles/AAPL/7m", "zh-CN", HttpStatus.NOT_FOUND).get("title").asString()).isEqualTo("未知的K线周期");
        assertThat(problem("/candles/AAPL/7m", "en-GB", HttpStatus.NOT_FOUND).get("title").asString()).isEqualTo("Unknown candle interval");
        JsonNode badLimit = problem("/candles/AAPL/1m?limit=0", "zh-CN", HttpStatus.BAD_REQUEST);
        assertThat(badLimit.get("title").asString()).isEqualTo("请求无效");
        assertThat(badLimit.get("code").asString()).isEqualTo("INVALID_MESSAGE");
        assertThat(problem("/candles/AAPL/1m?limit=0", null, HttpStatus.BAD_REQUEST).get("title").asString()).isEqualTo("Bad Request");
        // Spring's own problems too: a parameter of the wrong type.
        assertThat(problem("/candles/AAPL/1m?limit=many", "zh-CN", HttpStatus.BAD_REQUEST).get("title").asString()).isEqualTo("请求无效");
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

    private JsonNode problem(String path, String acceptLanguage, HttpStatus status) {
        ResponseEntity<JsonNode> response = http.get().uri(path)
                .headers(headers -> {
                    if (acceptLanguage != null) {
                        headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
                    }
                })
                .retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return response.getBody();
    }
}
