package com.stockticker.feed;

import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.messaging.Destinations;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class StreamingIntegrationTest {

    @LocalServerPort
    int port;

    private StompClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void batchesOnTopicPricesCarryGaplessSequenceNumbers() {
        client = StompClient.connect(ws());
        String prices = client.subscribe("/topic/prices");

        List<StompFrame> batches = client.awaitMessages(prices, 20);

        long first = batches.get(0).json().get("seq").asLong();
        for (int i = 0; i < batches.size(); i++) {
            JsonNode batch = batches.get(i).json();
            assertThat(batch.get("seq").asLong()).isEqualTo(first + i);
            assertThat(batch.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            for (JsonNode quote : batch.get("quotes")) {
                assertThat(quote.get("tickSeq").asLong()).isEqualTo(first + i);
            }
        }
        assertThat(batches.stream().mapToInt(batch -> batch.json().get("quotes").size()).sum()).isPositive();
        assertThat(batches.get(0).header("content-type")).startsWith("application/json");
    }

    @Test
    void aClientThatAsksForBinaryFramesGetsTheSameMessagesAsBinaryFrames() {
        client = StompClient.connect(URI.create(ws() + "?" + Destinations.BINARY_FRAMES_QUERY));
        String prices = client.subscribe(Destinations.PRICES);
        String aapl = client.subscribe(Destinations.symbolPrices("AAPL"));

        List<StompFrame> batches = client.awaitMessages(prices, 5);
        List<StompFrame> quotes = client.awaitMessages(aapl, 2);

        assertThat(client.binaryMessages()).isGreaterThanOrEqualTo(batches.size() + quotes.size());
        assertThat(batches.get(4).json().get("seq").asLong()).isEqualTo(batches.get(0).json().get("seq").asLong() + 4);
        assertThat(quotes).allSatisfy(quote -> assertThat(quote.json().get("symbol").asString()).isEqualTo("AAPL"));
        assertThat(batches.get(0).header("content-type")).startsWith("application/json");
    }

    @Test
    void aQuoteHasEveryDocumentedField() {
        client = StompClient.connect(ws());
        String prices = client.subscribe("/topic/prices");

        JsonNode quote = client.await(frame -> prices.equals(frame.header("subscription"))
                && !frame.json().get("quotes").isEmpty()).json().get("quotes").get(0);

        assertThat(quote.propertyNames()).containsExactlyInAnyOrder("symbol", "name", "price", "bid", "ask", "open",
                "high", "low", "previousClose", "change", "changePercent", "volume", "seq", "tickSeq", "timestamp");
        assertThat(quote.get("price").isNumber()).isTrue();
        assertThat(quote.get("bid").decimalValue()).isLessThanOrEqualTo(quote.get("price").decimalValue());
        assertThat(quote.get("ask").decimalValue()).isGreaterThan(quote.get("price").decimalValue());
    }

    @Test
    void perSymbolTopicsCarryOnlyTheirSymbol() {
        client = StompClient.connect(ws());
        String aapl = client.subscribe("/topic/prices.AAPL");
        String msft = client.subscribe("/topic/prices.MSFT");

        List<StompFrame> apple = client.awaitMessages(aapl, 5);
        List<StompFrame> microsoft = client.awaitMessages(msft, 5);

        assertThat(apple).allSatisfy(frame -> assertThat(frame.json().get("symbol").asString()).isEqualTo("AAPL"));
        assertThat(microsoft).allSatisfy(frame -> assertThat(frame.json().get("symbol").asString()).isEqualTo("MSFT"));
        List<Long> seqs = apple.stream().map(frame -> frame.json().get("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theSnapshotArrivesOnSubscribeBeforeTheLiveTicks() {
        client = StompClient.connect(ws());
        String snapshot = client.subscribe("/app/quotes");
        String prices = client.subscribe("/topic/prices");
        client.awaitMessages(prices, 3);

        List<StompFrame> received = client.frames().stream().filter(frame -> frame.command().equals("MESSAGE")).toList();
        StompFrame first = received.get(0);
        assertThat(first.header("subscription")).isEqualTo(snapshot);
        assertThat(client.messages(snapshot)).hasSize(1);
        // Converted once per tick for everyone who asks, and still exactly the frame it always was.
        assertThat(first.headers().keySet()).containsExactlyInAnyOrder("destination", "content-type", "subscription",
                "message-id", "content-length");
        assertThat(first.header("content-type")).isEqualTo("application/json");
        JsonNode all = first.json();
        assertThat(all.get("quotes")).hasSize(20);
        assertThat(all.get("quotes").get(0).get("symbol").asString()).isEqualTo("AAPL");
        // The live batches that follow continue from the snapshot.
        assertThat(client.messages(prices).get(0).json().get("seq").asLong()).isGreaterThanOrEqualTo(all.get("seq").asLong());
    }

    @Test
    void heartbeatsAreNegotiated() {
        client = StompClient.connect(ws(), Map.of("heart-beat", "0,200"));

        StompFrame connected = client.frames().get(0);
        // The server offers 500 ms in the test profile; the client asked for 200: the slower one wins.
        assertThat(connected.header("heart-beat")).isEqualTo("500,10000");
        org.awaitility.Awaitility.await().atMost(StompClient.TIMEOUT).until(() -> client.heartbeats() >= 3);
    }

    private URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }
}
