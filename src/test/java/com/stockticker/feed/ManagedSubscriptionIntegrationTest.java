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

/** Managed subscriptions over time: what is sent, and how often. Their refusals are SubscriptionMessageTest's. */
@LiveServerTest
class ManagedSubscriptionIntegrationTest {

    @LocalServerPort
    int port;

    private StompClient client;
    private String quotes;

    @BeforeEach
    void connect() {
        client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"));
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

    private static List<String> symbols(JsonNode message) {
        return message.get("quotes").valueStream().map(quote -> quote.get("symbol").asString()).toList();
    }
}
