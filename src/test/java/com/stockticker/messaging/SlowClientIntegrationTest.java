package com.stockticker.messaging;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import com.stockticker.support.LiveServerTest;
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
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("frozen-client-key".getBytes(StandardCharsets.US_ASCII)).substring(0, 22) + "==";
        out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        readHandshakeResponse(socket.getInputStream());
        writeTextFrame(out, "CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
        String connected = readServerFrame(socket.getInputStream());
        assertThat(connected).startsWith("CONNECTED\n");
        String userName = connected.lines().filter(line -> line.startsWith("user-name:")).findFirst().orElseThrow()
                .substring("user-name:".length());
        for (int id = 0; id < 200; id++) {
            writeTextFrame(out, "SUBSCRIBE\nid:" + id + "\ndestination:/topic/prices\n\n\0");
        }
        return new FrozenClient(socket, userName);
    }

    private record FrozenClient(Socket socket, String userName) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One unfragmented server-to-client frame (servers do not mask) with a payload under 64 KiB. */
    private static String readServerFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        data.readUnsignedByte();
        int length = data.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        }
        return new String(data.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void readHandshakeResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Connection closed during the handshake");
            }
            head.write(next);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    }

    /** A client-to-server text frame: final, masked (RFC 6455 requires clients to mask), payload under 64 KiB. */
    private static void writeTextFrame(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = { 1, 2, 3, 4 };
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        }
        else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }
}
