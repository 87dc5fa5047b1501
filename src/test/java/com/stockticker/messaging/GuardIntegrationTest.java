package com.stockticker.messaging;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LiveServerTest
class GuardIntegrationTest {

    @LocalServerPort
    int port;

    private StompClient attacker;
    private StompClient bystander;
    private String bystanderPrices;

    @BeforeEach
    void connect() {
        bystander = StompClient.connect(ws());
        bystanderPrices = bystander.subscribe("/topic/prices");
        attacker = StompClient.connect(ws());
    }

    @AfterEach
    void close() {
        attacker.close();
        bystander.close();
    }

    @Test
    void aSpoofedSendToTheTopicNeverReachesOtherSubscribers() {
        String errors = attacker.subscribe("/user/queue/errors");
        String spoof = """
                {"seq":1,"timestamp":"2026-01-01T00:00:00Z","quotes":[{"symbol":"AAPL","price":0.01}]}""";
        attacker.sendJson("/topic/prices", spoof);
        attacker.sendJson("/topic/prices.AAPL", spoof);
        attacker.sendJson("/queue/errors", spoof);
        attacker.sendJson("/user/someone/queue/errors", spoof);

        List<JsonNode> refused = attacker.awaitMessages(errors, 4).stream().map(StompFrame::json).toList();
        assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
        assertThat(refused).extracting(error -> error.get("destination").asString())
                .containsExactly("/topic/prices", "/topic/prices.AAPL", "/queue/errors", "/user/someone/queue/errors");

        // The bystander keeps getting real batches and none of them is the spoof.
        int seen = bystander.messages(bystanderPrices).size();
        bystander.awaitMessages(bystanderPrices, seen + 5);
        assertThat(bystander.messages(bystanderPrices)).noneMatch(frame -> frame.body().contains("0.01}"));
        assertThat(bystander.messages(bystanderPrices)).allSatisfy(frame -> assertThat(frame.json().get("seq").asLong()).isGreaterThan(1));
    }

    @Test
    void aSubscribeToARawQueueIsRefused() {
        String errors = attacker.subscribe("/user/queue/errors");
        String stolen = attacker.subscribe("/queue/errors-user" + "someone");
        String other = attacker.subscribe("/user/someone/queue/errors");

        List<JsonNode> refused = attacker.awaitMessages(errors, 2).stream().map(StompFrame::json).toList();
        assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
        assertThat(refused.get(0).get("message").asString()).contains("SUBSCRIBE", "/topic/**", "/app/**", "/user/queue/**");

        // The connection is still usable, and the refused subscriptions receive nothing.
        String prices = attacker.subscribe("/topic/prices");
        attacker.awaitMessages(prices, 2);
        assertThat(attacker.messages(stolen)).isEmpty();
        assertThat(attacker.messages(other)).isEmpty();
    }

    @Test
    void internalTopicsAndWildcardSubscriptionsAreRefusedAsWithRabbitMq() {
        String errors = attacker.subscribe("/user/queue/errors");
        List<String> refusedDestinations = List.of("/topic/ticker-internal.user-registry", "/topic/prices.*", "/topic/**",
                "/topic/#", "/topic/prices.AAP?", "/topic/{symbol}");
        List<String> subscriptions = refusedDestinations.stream().map(attacker::subscribe).toList();

        List<JsonNode> refused = attacker.awaitMessages(errors, refusedDestinations.size()).stream().map(StompFrame::json).toList();
        assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("FORBIDDEN_DESTINATION");
        assertThat(refused).extracting(error -> error.get("destination").asString()).containsExactlyElementsOf(refusedDestinations);
        assertThat(refused.get(1).get("message").asString()).contains("wildcards");

        // The simple broker would have matched /topic/prices.* against every symbol's topic; it matches nothing.
        String apple = attacker.subscribe("/topic/prices.AAPL");
        attacker.awaitMessages(apple, 3);
        assertThat(subscriptions).allSatisfy(subscription -> assertThat(attacker.messages(subscription)).isEmpty());
    }

    @Test
    void aSelectorOnATopicIsRefusedRatherThanIgnored() {
        String errors = attacker.subscribe("/user/queue/errors");
        String filtered = attacker.subscribe("/topic/prices", Map.of("selector", "headers['seq'] == '1'"));

        JsonNode refused = attacker.awaitMessages(errors, 1).get(0).json();
        assertThat(refused.get("code").asString()).isEqualTo("INVALID_HEADER");
        assertThat(refused.get("message").asString()).contains("selector", "not supported");
        // Nothing else changes: the same subscription without the header streams.
        String prices = attacker.subscribe("/topic/prices");
        attacker.awaitMessages(prices, 2);
        assertThat(attacker.messages(filtered)).isEmpty();
    }

    @Test
    void anApplicationDestinationThatNothingAnswersIsReported() {
        String errors = attacker.subscribe("/user/queue/errors");
        attacker.sendJson("/app/subscription", "{}");
        attacker.subscribe("/app/quote");

        List<JsonNode> refused = attacker.awaitMessages(errors, 2).stream().map(StompFrame::json).toList();
        assertThat(refused).extracting(error -> error.get("code").asString()).containsOnly("UNKNOWN_DESTINATION");
        assertThat(refused).extracting(error -> error.get("message").asString()).containsExactly(
                "Nothing answers a SEND to '/app/subscription'; see docs/protocol.md",
                "Nothing answers a SUBSCRIBE to '/app/quote'; see docs/protocol.md");
        // Mapped destinations still win over the catch-all.
        String snapshot = attacker.subscribe("/app/quotes");
        assertThat(attacker.awaitMessages(snapshot, 1).get(0).json().get("quotes")).hasSize(20);
    }

    @Test
    void aBrokenFrameGetsAnErrorFrameAndOtherClientsKeepStreaming() {
        // A header without a colon is not STOMP.
        attacker.sendRaw("SUBSCRIBE\nid:1\ndestination /topic/prices\n\n\0");

        assertErrorFrameAndCloseWhileOthersStream("Illegal header");
    }

    @Test
    void anOversizedFrameGetsAnErrorFrameAndAClose() {
        // Over the 4 KB frame limit, under the 8 KB beyond which the container closes without an ERROR frame.
        String body = "x".repeat(5 * 1024);
        attacker.send("SEND", Map.of("destination", "/app/subscriptions", "content-type", "application/json"), body);

        assertErrorFrameAndCloseWhileOthersStream("4096 bytes");
    }

    private void assertErrorFrameAndCloseWhileOthersStream(String reason) {
        StompFrame error = attacker.await(frame -> frame.command().equals("ERROR"));
        assertThat(error.header("message")).contains(reason);
        assertThat(attacker.closed()).succeedsWithin(StompClient.TIMEOUT);

        int seen = bystander.messages(bystanderPrices).size();
        bystander.awaitMessages(bystanderPrices, seen + 5);
    }

    @Test
    void browsersOnAForeignOriginCannotConnectWhileClientsWithoutAnOriginCan() {
        assertThatThrownBy(() -> StompClient.open(ws(), Map.of("Origin", "https://evil.example")))
                .isInstanceOf(CompletionException.class);
        try (StompClient sameOrigin = StompClient.open(ws(), Map.of("Origin", "http://localhost:" + port))) {
            assertThat(sameOrigin.closed()).isNotDone();
        }
        // bystander and attacker connected without an Origin header, as non-browser clients do.
        assertThat(bystander.awaitMessages(bystanderPrices, 1)).isNotEmpty();
    }

    private URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }
}
