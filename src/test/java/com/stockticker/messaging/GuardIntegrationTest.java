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

/**
 * The guard as a client on a real socket sees it: a refused frame leaves other clients streaming, broken and
 * oversized frames get ERROR and a close, and foreign origins are refused at the handshake. Every refusal's code
 * and message is GuardMessageTest's.
 */
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
