package com.stockticker.messaging;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.RawWebSocket;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that stops reading is cut off at the send limits, and the others never wait for it. */
@LiveServerTest
class SlowClientIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SimpUserRegistry users;

    @Test
    void aFrozenClientIsDisconnectedAndOthersKeepStreaming() throws IOException {
        double cutOffBefore = closedSlow();
        try (StompClient reader = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"));
                FrozenClient frozen = frozenClient()) {
            String prices = reader.subscribe("/topic/prices");
            int start = reader.awaitMessages(prices, 1).size();

            // The frozen client asked for every batch 200 times over: megabytes a second that it never reads.
            await().atMost(StompClient.TIMEOUT)
                    .until(() -> closedSlow() > cutOffBefore);
            // Its close frame cannot pass what it has not read: the connection is dropped, not left half-closed.
            await().atMost(StompClient.TIMEOUT)
                    .until(() -> users.getUser(frozen.userName()) == null);

            List<StompFrame> batches = reader.awaitMessages(prices, start + 40);
            List<Long> seqs = batches.stream().map(frame -> frame.json().get("seq").asLong()).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
        }
    }

    @Test
    void receivedBatchesAreNotHeldBackByAFrozenClient() throws IOException {
        try (StompClient reader = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"));
                FrozenClient frozen = frozenClient()) {
            String prices = reader.subscribe("/topic/prices");
            List<StompFrame> batches = reader.awaitMessages(prices, 60);
            Instant received = Instant.now();
            // 60 ticks of 50 ms: the last batch left the market at most a few ticks ago, not a send limit (5 s) ago.
            Instant lastTick = Instant.parse(batches.get(batches.size() - 1).json().get("timestamp").asString());
            assertThat(Duration.between(lastTick, received)).isLessThan(Duration.ofSeconds(2));
        }
    }

    private double closedSlow() {
        return meters.get("ticker.stomp.sessions.closed.slow").counter().count();
    }

    /** A raw WebSocket client with a tiny receive buffer that subscribes heavily and then never reads. */
    private FrozenClient frozenClient() throws IOException {
        RawWebSocket socket = RawWebSocket.open(port, null, 4096);
        String connected = socket.connect("");
        assertThat(connected).startsWith("CONNECTED\n");
        String userName = connected.lines().filter(line -> line.startsWith("user-name:")).findFirst().orElseThrow()
                .substring("user-name:".length());
        for (int id = 0; id < 200; id++) {
            socket.sendText("SUBSCRIBE\nid:" + id + "\ndestination:/topic/prices\n\n\0");
        }
        return new FrozenClient(socket, userName);
    }

    private record FrozenClient(RawWebSocket socket, String userName) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
