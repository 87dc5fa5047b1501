package com.stockticker.feed;

import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import com.stockticker.support.AnonymousSessionTest;
import com.stockticker.support.ErrorMessage;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshots that answer a SUBSCRIBE under {@code /app}: at once, to the subscriber, on its subscription. */
class SnapshotMessageTest extends AnonymousSessionTest {

    private static final String INTERVALS = "; the intervals are 1s, 5s, 1m, 5m";

    @Test
    void everyQuoteInConfigurationOrderAsJson() {
        StompFrame snapshot = client.awaitMessages(client.subscribe("/app/quotes"), 1).get(0);

        assertThat(snapshot.destination()).isEqualTo("/app/quotes");
        assertThat(snapshot.header("content-type")).isEqualTo("application/json");
        JsonNode batch = snapshot.json();
        assertThat(batch.get("seq").asLong()).isPositive();
        assertThat(batch.get("timestamp").asString()).endsWith("Z");
        assertThat(batch.get("quotes")).hasSize(20);
        assertThat(batch.get("quotes").get(0).get("symbol").asString()).isEqualTo("AAPL");
        assertThat(batch.get("quotes").valueStream()).allSatisfy(quote -> assertThat(quote.get("tickSeq").asLong())
                .isLessThanOrEqualTo(batch.get("seq").asLong()));
    }

    @Test
    void aSymbolsQuoteAndItsRecentPricesEndingWithTheQuote() {
        JsonNode history = client.awaitMessages(client.subscribe("/app/quotes/MSFT"), 1).get(0).json();

        assertThat(history.get("symbol").asString()).isEqualTo("MSFT");
        assertThat(history.get("quote").get("symbol").asString()).isEqualTo("MSFT");
        List<JsonNode> prices = history.get("history").valueStream().toList();
        assertThat(prices).isNotEmpty().allSatisfy(point -> assertThat(point.propertyNames()).containsExactlyInAnyOrder("seq", "timestamp", "price"));
        assertThat(prices.get(prices.size() - 1).get("price").decimalValue())
                .isEqualByComparingTo(history.get("quote").get("price").decimalValue());
    }

    @Test
    void aSymbolsCandlesAtOneInterval() {
        JsonNode candles = client.awaitMessages(client.subscribe("/app/candles/AAPL/1m"), 1).get(0).json();

        assertThat(candles.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(candles.get("interval").asString()).isEqualTo("1m");
        assertThat(candles.get("candles").isArray()).isTrue();
        assertThat(candles.get("candles").valueStream()).allSatisfy(bar -> assertThat(bar.get("interval").asString()).isEqualTo("1m"));
    }

    @Test
    void unknownSymbolsAndIntervalsAreRefusedWithTheirCodes() {
        client.subscribe("/app/quotes/NOPE");
        client.subscribe("/app/quotes/aapl");
        client.subscribe("/app/candles/NOPE/1s");
        client.subscribe("/app/candles/AAPL/7s");

        assertThat(ErrorMessage.of(client.awaitMessages(errors, 4))).containsExactly(
                new ErrorMessage("UNKNOWN_SYMBOL", "Unknown symbol 'NOPE'", "/app/quotes/NOPE"),
                new ErrorMessage("UNKNOWN_SYMBOL", "Unknown symbol 'aapl'", "/app/quotes/aapl"),
                new ErrorMessage("UNKNOWN_SYMBOL", "Unknown symbol 'NOPE'", "/app/candles/NOPE/1s"),
                new ErrorMessage("UNKNOWN_INTERVAL", "Unknown candle interval '7s'" + INTERVALS, "/app/candles/AAPL/7s"));
        // The session goes on: the next snapshot is answered.
        assertThat(client.awaitMessages(client.subscribe("/app/quotes/AAPL"), 1).get(0).json().get("symbol").asString()).isEqualTo("AAPL");
    }
}
