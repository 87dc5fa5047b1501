package com.stockticker.feed;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class ManagedSubscriptionIntegrationTest {

    @LocalServerPort
    int port;

    private StompClient client;
    private String quotes;
    private String errors;

    @BeforeEach
    void connect() {
        client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"));
        errors = client.subscribe("/user/queue/errors");
        quotes = client.subscribe("/user/queue/quotes");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void answersWithASnapshotThenStreamsOnlyTheChosenSymbols() {
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL","TSLA"],"maxRate":10}""");

        List<StompFrame> received = client.awaitMessages(quotes, 10);

        JsonNode snapshot = received.get(0).json();
        assertThat(snapshot.get("type").asString()).isEqualTo("snapshot");
        assertThat(symbols(snapshot)).containsExactly("AAPL", "TSLA");
        for (StompFrame update : received.subList(1, received.size())) {
            assertThat(update.json().get("type").asString()).isEqualTo("update");
            assertThat(symbols(update.json())).isNotEmpty().isSubsetOf("AAPL", "TSLA");
        }
    }

    @Test
    void respectsMaxRateAndAlwaysSendsTheLatestPrice() {
        // The test market ticks every 50 ms with AAPL trading in about 60 % of them: 12 trades a second.
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL"],"maxRate":2}""");
        String live = client.subscribe("/topic/prices.AAPL");
        Instant start = Instant.now();
        List<StompFrame> received = client.awaitMessages(quotes, 6);
        Duration elapsed = Duration.between(start, Instant.now());

        List<JsonNode> updates = received.subList(1, received.size()).stream().map(StompFrame::json).toList();
        // At most 2 a second: each update is sent at least 10 ticks (500 ms of market time) after the previous one.
        long previous = received.get(0).json().get("seq").asLong();
        for (JsonNode update : updates) {
            assertThat(update.get("seq").asLong() - previous).isGreaterThanOrEqualTo(10);
            previous = update.get("seq").asLong();
        }
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        // Each update holds the latest AAPL quote as of the tick it was sent on: the live topic had nothing newer.
        Map<Long, Long> liveSeqByTick = new HashMap<>();
        client.messages(live).forEach(frame -> liveSeqByTick.put(frame.json().get("tickSeq").asLong(), frame.json().get("seq").asLong()));
        assertThat(liveSeqByTick).isNotEmpty();
        for (JsonNode update : updates) {
            long sentOn = update.get("seq").asLong();
            long seq = update.get("quotes").get(0).get("seq").asLong();
            assertThat(liveSeqByTick.entrySet()).noneMatch(entry -> entry.getKey() <= sentOn && entry.getValue() > seq);
        }
    }

    @Test
    void unsubscribingStopsASymbol() {
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL","MSFT"]}""");
        client.awaitMessages(quotes, 2);
        client.sendJson("/app/subscriptions", """
                {"action":"unsubscribe","symbols":["AAPL"]}""");
        // Requests are handled in order: once the snapshot of this next one is here, the unsubscribe is through.
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["KO"]}""");
        StompFrame marker = client.await(frame -> quotes.equals(frame.header("subscription"))
                && symbols(frame.json()).equals(List.of("KO")));
        int after = client.messages(quotes).indexOf(marker) + 1;

        List<StompFrame> later = client.awaitMessages(quotes, after + 5).subList(after, after + 5);
        assertThat(later).allSatisfy(frame -> assertThat(symbols(frame.json())).isSubsetOf("MSFT", "KO"));
        assertThat(later).anySatisfy(frame -> assertThat(symbols(frame.json())).contains("MSFT"));
    }

    @Test
    void unknownSymbolsAreRefusedWithoutChangingTheSubscription() {
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL","NOPE","ZZZ"]}""");

        JsonNode error = client.awaitMessages(errors, 1).get(0).json();
        assertThat(error.get("code").asString()).isEqualTo("UNKNOWN_SYMBOL");
        assertThat(error.get("message").asString()).contains("NOPE", "ZZZ");
        assertThat(error.get("destination").asString()).isEqualTo("/app/subscriptions");
        assertStillServes();
    }

    @Test
    void tooManySymbolsAreRefused() {
        StringBuilder symbols = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        client.sendJson("/app/subscriptions", "{\"action\":\"subscribe\",\"symbols\":[" + symbols + "]}");

        assertThat(client.awaitMessages(errors, 1).get(0).json().get("code").asString()).isEqualTo("TOO_MANY_SYMBOLS");
        assertStillServes();
    }

    @Test
    void aRateOutOfRangeIsRefused() {
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL"],"maxRate":50}""");
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL"],"maxRate":0}""");

        List<StompFrame> refused = client.awaitMessages(errors, 2);
        assertThat(refused).allSatisfy(frame -> assertThat(frame.json().get("code").asString()).isEqualTo("RATE_OUT_OF_RANGE"));
        assertThat(refused.get(0).json().get("message").asString()).contains("at most 10.0");
        assertStillServes();
    }

    @Test
    void malformedJsonAndWrongShapesAreRefusedWithDistinctCodes() {
        client.sendJson("/app/subscriptions", "{\"action\":\"subscribe\",");
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL"],"maxrate":2}""");
        client.sendJson("/app/subscriptions", """
                {"action":"watch","symbols":["AAPL"]}""");
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":[]}""");
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["AAPL"],"maxRate":"fast"}""");
        client.sendJson("/app/subscriptions", "[1,2]");
        client.send("SEND", Map.of("destination", "/app/subscriptions", "content-type", "text/plain"), """
                {"action":"subscribe","symbols":["AAPL"]}""");

        List<JsonNode> refused = client.awaitMessages(errors, 7).stream().map(StompFrame::json).toList();
        assertThat(refused).extracting(error -> error.get("code").asString()).containsExactly("MALFORMED_JSON",
                "INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE", "INVALID_MESSAGE");
        assertThat(refused).extracting(error -> error.get("message").asString()).containsExactly(
                refused.get(0).get("message").asString(),
                "Unknown field 'maxrate'",
                "Invalid value 'watch' for 'action'",
                "symbols must not be empty",
                "Invalid value 'fast' for 'maxRate'",
                "The body must be a JSON object with the documented fields",
                "The body cannot be read: send JSON, with content-type application/json or none");
        assertThat(refused.get(0).get("message").asString()).startsWith("The body is not valid JSON");
        assertStillServes();
    }

    /** The connection is open and still answers: a valid request gets its snapshot. */
    private void assertStillServes() {
        client.sendJson("/app/subscriptions", """
                {"action":"subscribe","symbols":["KO"]}""");
        StompFrame snapshot = client.await(frame -> quotes.equals(frame.header("subscription"))
                && frame.json().get("type").asString().equals("snapshot"));
        assertThat(symbols(snapshot.json())).containsExactly("KO");
    }

    private static List<String> symbols(JsonNode message) {
        return message.get("quotes").valueStream().map(quote -> quote.get("symbol").asString()).toList();
    }
}
