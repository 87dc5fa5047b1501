package com.stockticker.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import com.stockticker.messaging.TopicSubscribers;
import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/** Candles over STOMP and HTTP, on the test market (a tick every 50 ms, intervals 1s, 5s, 1m, 5m). */
@LiveServerTest
class CandleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TopicSubscribers subscribers;

    private StompClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Candles are converted only for topics that someone follows (feed.CandlePublisher asks the broker). */
    @Test
    void theBrokerTellsWhetherACandleTopicIsFollowed() {
        String topic = "/topic/candles.KO.5m";
        assertThat(subscribers.hasSubscribers(topic)).isFalse();
        client = StompClient.connect(ws());

        String id = client.subscribeWithReceipt(topic);
        assertThat(subscribers.hasSubscribers(topic)).isTrue();
        assertThat(subscribers.hasSubscribers("/topic/candles.KO.1m")).isFalse();
        client.awaitMessages(id, 1);

        client.send("UNSUBSCRIBE", java.util.Map.of("id", id, "receipt", "gone"), "");
        client.await(frame -> "gone".equals(frame.header("receipt-id")));
        assertThat(subscribers.hasSubscribers(topic)).isFalse();
    }

    @Test
    void aSnapshotOfRecentBarsThenTheBarInProgressAndEachBarOnceAsItCloses() {
        client = StompClient.connect(ws());
        String snapshot = client.subscribe("/app/candles/AAPL/1s");
        String live = client.subscribe("/topic/candles.AAPL.1s");

        JsonNode history = client.awaitMessages(snapshot, 1).get(0).json();
        assertThat(history.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(history.get("interval").asString()).isEqualTo("1s");

        // The second bar to close is one whose whole life this subscription saw.
        JsonNode bar = client.await(frame -> live.equals(frame.header("subscription"))
                && client.messages(live).stream().filter(update -> update.json().get("final").asBoolean()).count() >= 2
                && frame.json().get("final").asBoolean() && frame != firstClosed(client, live)).json();
        assertThat(bar.propertyNames()).containsExactlyInAnyOrder("symbol", "interval", "open", "high", "low", "close", "volume",
                "start", "end", "final");
        assertThat(Duration.between(Instant.parse(bar.get("start").asString()), Instant.parse(bar.get("end").asString())))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(bar.get("low").decimalValue()).isLessThanOrEqualTo(bar.get("open").decimalValue().min(bar.get("close").decimalValue()));
        assertThat(bar.get("high").decimalValue()).isGreaterThanOrEqualTo(bar.get("open").decimalValue().max(bar.get("close").decimalValue()));

        // The last update of the bar before it closed showed what it closed with.
        List<JsonNode> updates = client.messages(live).stream().map(StompFrame::json)
                .filter(update -> update.get("start").equals(bar.get("start"))).toList();
        JsonNode lastInProgress = updates.get(updates.size() - 2);
        assertThat(lastInProgress.get("final").asBoolean()).isFalse();
        assertThat(lastInProgress.get("close")).isEqualTo(bar.get("close"));
        assertThat(lastInProgress.get("volume")).isEqualTo(bar.get("volume"));

        // A later snapshot has the closed bar as it was published.
        String again = client.subscribe("/app/candles/AAPL/1s");
        JsonNode candles = client.awaitMessages(again, 1).get(0).json().get("candles");
        assertThat(candles.values()).contains(bar);
    }

    @Test
    void theSameBarsOverHttpWithALimit() {
        RestClient http = LenientHttp.to("http://localhost:" + port + "/api");

        JsonNode two = http.get().uri("/candles/AAPL/1s?limit=2").retrieve().body(JsonNode.class);
        assertThat(two.get("symbol").asString()).isEqualTo("AAPL");
        assertThat(two.get("interval").asString()).isEqualTo("1s");
        assertThat(two.get("candles").size()).isBetween(1, 2);
    }

    private static StompFrame firstClosed(StompClient client, String subscription) {
        return client.messages(subscription).stream().filter(update -> update.json().get("final").asBoolean()).findFirst().orElse(null);
    }

    private java.net.URI ws() {
        return java.net.URI.create("ws://localhost:" + port + "/ws");
    }
}
