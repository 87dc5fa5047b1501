package com.stockticker.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The market over HTTP: the same JSON as the STOMP snapshots, and a problem for every mistake (docs/protocol.md, "REST"). */
@RestApiTest
class QuoteApiControllerTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void theInstrumentsInConfigurationOrderWithoutALogin() {
        assertThat(mvc.get().uri("/api/instruments")).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.length()").isEqualTo(20);
                    assertThat(json).extractingPath("$[0].symbol").isEqualTo("AAPL");
                    assertThat(json).extractingPath("$[0].name").isEqualTo("Apple Inc.");
                });
        assertThat(mvc.get().uri("/api/instruments")).bodyJson().extractingPath("$[0].tickSize").isEqualTo(0.01);
    }

    @Test
    void theSnapshotAQuoteAndItsHistory() {
        assertThat(mvc.get().uri("/api/quotes")).hasStatusOk().bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$.quotes.length()").isEqualTo(20);
            assertThat(json).extractingPath("$.quotes[0].symbol").isEqualTo("AAPL");
        });
        assertThat(mvc.get().uri("/api/quotes/MSFT")).hasStatusOk().bodyJson().extractingPath("$.symbol").isEqualTo("MSFT");
        assertThat(mvc.get().uri("/api/quotes/MSFT/history")).hasStatusOk().bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$.symbol").isEqualTo("MSFT");
            assertThat(json).extractingPath("$.quote.symbol").isEqualTo("MSFT");
            assertThat(json).extractingPath("$.history.length()").isEqualTo(1);
        });
        assertThat(mvc.get().uri("/api/candles/AAPL/1m")).hasStatusOk().bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$.symbol").isEqualTo("AAPL");
            assertThat(json).extractingPath("$.interval").isEqualTo("1m");
        });
    }

    @Test
    void anUnknownSymbolIsTheDocumentedProblem() {
        for (String path : new String[] { "/api/quotes/NOPE", "/api/quotes/NOPE/history", "/api/candles/NOPE/1m" }) {
            assertThat(problem(path, null, HttpStatus.NOT_FOUND)).bodyJson().isStrictlyEqualTo("""
                    { "title": "Unknown symbol", "status": 404, "detail": "Unknown symbol 'NOPE'",
                      "instance": "%s", "code": "UNKNOWN_SYMBOL", "symbol": "NOPE" }""".formatted(path));
        }
    }

    @Test
    void anUnknownIntervalOrALimitBelowOneIsAProblemWithItsCode() {
        assertThat(problem("/api/candles/AAPL/7m", null, HttpStatus.NOT_FOUND)).bodyJson().isStrictlyEqualTo("""
                { "title": "Unknown candle interval", "status": 404,
                  "detail": "Unknown candle interval '7m'; the intervals are 1s, 5s, 1m, 5m",
                  "instance": "/api/candles/AAPL/7m", "code": "UNKNOWN_INTERVAL", "interval": "7m" }""");
        assertThat(problem("/api/candles/AAPL/1m?limit=0", null, HttpStatus.BAD_REQUEST)).bodyJson().isStrictlyEqualTo("""
                { "title": "Bad Request", "status": 400, "detail": "limit must be at least 1",
                  "instance": "/api/candles/AAPL/1m", "code": "INVALID_MESSAGE" }""");
        // Spring's own problem for a parameter of the wrong type: no code of ours.
        assertThat(problem("/api/candles/AAPL/1m?limit=many", null, HttpStatus.BAD_REQUEST)).bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$.title").isEqualTo("Bad Request");
            assertThat(json).doesNotHavePath("$.code");
        });
    }

    /** A problem's title is in the request's language; its detail, code and the names it carries stay as they are. */
    @Test
    void problemTitlesFollowAcceptLanguageOrTheLanguageCookie() {
        assertThat(problem("/api/quotes/NOPE", "zh-CN,zh;q=0.9", HttpStatus.NOT_FOUND)).bodyJson().satisfies(json -> {
            assertThat(json).extractingPath("$.title").isEqualTo("未知的股票代码");
            assertThat(json).extractingPath("$.detail").isEqualTo("Unknown symbol 'NOPE'");
            assertThat(json).extractingPath("$.code").isEqualTo("UNKNOWN_SYMBOL");
            assertThat(json).extractingPath("$.symbol").isEqualTo("NOPE");
        });
        assertThat(problem("/api/candles/AAPL/7m", "zh-CN", HttpStatus.NOT_FOUND)).bodyJson().extractingPath("$.title").isEqualTo("未知的K线周期");
        assertThat(problem("/api/candles/AAPL/7m", "en-GB", HttpStatus.NOT_FOUND)).bodyJson().extractingPath("$.title")
                .isEqualTo("Unknown candle interval");
        assertThat(problem("/api/candles/AAPL/1m?limit=0", "zh-CN", HttpStatus.BAD_REQUEST)).bodyJson().extractingPath("$.title")
                .isEqualTo("请求无效");
        assertThat(problem("/api/candles/AAPL/1m?limit=many", "zh-CN", HttpStatus.BAD_REQUEST)).bodyJson().extractingPath("$.title")
                .isEqualTo("请求无效");
        // A language the API does not speak is English.
        assertThat(problem("/api/quotes/NOPE", "fr-FR", HttpStatus.NOT_FOUND)).bodyJson().extractingPath("$.title").isEqualTo("Unknown symbol");
        // The dashboard's language cookie, as for the page.
        assertThat(mvc.get().uri("/api/quotes/NOPE").cookie(new jakarta.servlet.http.Cookie(LanguageConfiguration.COOKIE, "zh-CN")))
                .hasStatus(HttpStatus.NOT_FOUND).bodyJson().extractingPath("$.title").isEqualTo("未知的股票代码");
    }

    private MvcTestResult problem(String path, String acceptLanguage, HttpStatus status) {
        MockMvcTester.MockMvcRequestBuilder request = mvc.get().uri(path);
        if (acceptLanguage != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        MvcTestResult result = request.exchange();
        assertThat(result).as(path).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return result;
    }
}
