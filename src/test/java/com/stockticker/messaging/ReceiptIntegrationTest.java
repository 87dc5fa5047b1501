package com.stockticker.messaging;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts on the wire: a subscription's RECEIPT, then its messages. Which frames are receipted, refused ones
 * included, is ReceiptMessageTest's.
 */
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

    private static StompFrame awaitReceipt(StompClient client, String id) {
        return client.await(frame -> frame.command().equals("RECEIPT") && id.equals(frame.header("receipt-id")));
    }
}
