package com.stockticker.messaging;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.stockticker.support.ChannelStompClient;
import com.stockticker.support.ErrorMessage;
import com.stockticker.support.MessageHandlerTest;
import com.stockticker.support.StompChannels;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame that asks for a receipt gets one once the server has handled it, whether it did what the frame asked
 * or refused it (docs/protocol.md, "Receipts"); CONNECT's is CONNECTED.
 */
@MessageHandlerTest
class ReceiptMessageTest {

    @Autowired
    StompChannels stomp;

    private ChannelStompClient client;

    @BeforeEach
    void connect() {
        client = stomp.connect();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSubscriptionExistsFromItsReceiptOn() {
        String quotes = client.subscribeWithReceipt("/user/queue/quotes");

        client.sendJson("/app/subscriptions", "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":1}");

        assertThat(client.awaitMessages(quotes, 1).get(0).json().get("type").asString()).isEqualTo("snapshot");
    }

    @Test
    void topicUserQueueSnapshotUnsubscribeAndSendFramesAreReceipted() {
        client.subscribeWithReceipt("/topic/prices");
        client.subscribeWithReceipt("/user/queue/errors");

        client.send("SUBSCRIBE", Map.of("id", "snapshot", "destination", "/app/quotes", "receipt", "r-snapshot"), "");
        client.awaitReceipt("r-snapshot");
        assertThat(client.awaitMessages("snapshot", 1).get(0).json().get("quotes")).hasSize(20);

        client.send("UNSUBSCRIBE", Map.of("id", "snapshot", "receipt", "r-unsubscribe"), "");
        client.awaitReceipt("r-unsubscribe");

        client.send("SEND", Map.of("destination", "/app/subscriptions", "content-type", "application/json", "receipt", "r-send"),
                "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":1}");
        client.awaitReceipt("r-send");
    }

    @Test
    void framesRefusedByTheGuardOrByAHandlerAreReceiptedAndTheRefusalIsReported() {
        String errors = client.subscribeWithReceipt("/user/queue/errors");

        client.send("SUBSCRIBE", Map.of("id", "other", "destination", "/queue/someone-else", "receipt", "r-refused"), "");
        StompFrame refused = client.awaitReceipt("r-refused");
        client.send("SEND", Map.of("destination", "/app/subscriptions", "content-type", "application/json", "receipt", "r-invalid"),
                "{\"action\":\"watch\"}");
        client.awaitReceipt("r-invalid");

        assertThat(refused.headers()).containsEntry("receipt-id", "r-refused");
        assertThat(ErrorMessage.of(client.awaitMessages(errors, 2))).extracting(ErrorMessage::code, ErrorMessage::destination)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FORBIDDEN_DESTINATION", "/queue/someone-else"),
                        org.assertj.core.groups.Tuple.tuple("INVALID_MESSAGE", "/app/subscriptions"));
    }
}
