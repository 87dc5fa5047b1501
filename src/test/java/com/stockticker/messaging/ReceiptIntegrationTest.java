package com.stockticker.messaging;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/** Every frame that asks for a receipt gets one once the server has handled it (STOMP 1.2), refused or not. */
@LiveServerTest
class ReceiptIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void subscriptionsToTopicsUserQueuesAndSnapshotsAreReceipted() {
        try (StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"))) {
            String prices = client.subscribeWithReceipt("/topic/prices");
            client.subscribeWithReceipt("/user/queue/errors");
            assertThat(client.awaitMessages(prices, 1)).isNotEmpty();

            client.send("SUBSCRIBE", Map.of("id", "snapshot", "destination", "/app/quotes", "receipt", "r-snapshot"), "");
            awaitReceipt(client, "r-snapshot");
            assertThat(client.awaitMessages("snapshot", 1)).hasSize(1);

            client.send("UNSUBSCRIBE", Map.of("id", prices, "receipt", "r-unsubscribe"), "");
            awaitReceipt(client, "r-unsubscribe");
        }
    }

    @Test
    void aSendAndARefusedSubscribeAreReceiptedToo() {
        try (StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"))) {
            String errors = client.subscribeWithReceipt("/user/queue/errors");

            client.send("SEND", Map.of("destination", "/app/subscriptions", "content-type", "application/json", "receipt", "r-send"),
                    "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":1}");
            awaitReceipt(client, "r-send");

            client.send("SUBSCRIBE", Map.of("id", "other", "destination", "/queue/someone-else", "receipt", "r-refused"), "");
            awaitReceipt(client, "r-refused");
            assertThat(client.awaitMessages(errors, 1).get(0).json().get("code").asString()).isEqualTo("FORBIDDEN_DESTINATION");
        }
    }

    private static StompFrame awaitReceipt(StompClient client, String id) {
        return client.await(frame -> frame.command().equals("RECEIPT") && id.equals(frame.header("receipt-id")));
    }
}
