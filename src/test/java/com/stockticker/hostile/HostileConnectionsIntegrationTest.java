package com.stockticker.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.support.RawWebSocket;
import com.stockticker.support.PriceSentinel;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a hostile or careless client can do to a connection, and what it gets: each test is one attack, run
 * against a server of its own with short deadlines, while a sentinel client streams prices; after each, the
 * sentinel has seen every batch in sequence. The deadlines are a second here: the tests wait for the close
 * (up to {@link StompClient#TIMEOUT}), never for a time, so a slow machine only makes them slower.
 */
class HostileConnectionsIntegrationTest {

    private static final int PER_ADDRESS = 30;

    private static ServiceInstance server;
    @RegisterExtension
    final PriceSentinel.EveryTest prices = PriceSentinel.everyTest(() -> server);

    @BeforeAll
    static void start() {
        server = ServiceInstance.start(List.of("ticker.websocket.connect-timeout=1s", "ticker.websocket.frame-timeout=1s",
                "ticker.websocket.request-head-timeout=1s",
                "ticker.websocket.max-connections-per-address=" + PER_ADDRESS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void webSocketsThatNeverSendConnectAreClosedAtTheDeadline() throws IOException {
        List<RawWebSocket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                silent.add(RawWebSocket.open(server.port(), "127.0.0.2", 0));
            }
            for (RawWebSocket socket : silent) {
                RawWebSocket.Closed closed = socket.readUntilClosed();
                assertThat(closed.messages()).singleElement().asString().startsWith("ERROR\n")
                        .contains("message:No CONNECT frame within 1000 ms");
            }
        }
        finally {
            for (RawWebSocket socket : silent) {
                socket.close();
            }
        }
    }

    @Test
    void oneByteOfAFrameIsNotAConnection() throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), null, 0)) {
            socket.sendText("C");
            assertThat(socket.readUntilClosed().messages()).singleElement().asString().startsWith("ERROR\n");
        }
    }

    @Test
    void aFrameWithoutItsNulIsClosedAtTheFrameDeadline() throws IOException {
        assertRefusedAfterConnect("SUBSCRIBE\nid:0\ndestination:/topic/prices\n\n", "message:A frame was begun and not finished within 1000 ms");
    }

    @Test
    void aContentLengthLargerThanTheBodyIsClosedAtTheFrameDeadline() throws IOException {
        assertRefusedAfterConnect("SEND\ndestination:/app/subscriptions\ncontent-length:500\n\n{}\0",
                "message:A frame was begun and not finished within 1000 ms");
    }

    @Test
    void aNegativeContentLengthIsRefusedAtOnce() throws IOException {
        assertRefusedAfterConnect("SEND\ndestination:/app/subscriptions\ncontent-length:-5\n\n{}\0",
                "message:content-length must be a whole number of bytes, at least 0, not '-5'");
    }

    @Test
    void anUnknownCommandIsNamedInTheClientsTermsNotJavas() throws IOException {
        String error = assertRefusedAfterConnect("FROB\n\n\0", "message:Unknown STOMP command 'FROB'");
        assertThat(error).doesNotContain("org.springframework", "enum");
    }

    @Test
    void aFrameBeforeConnectIsRefused() throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), null, 0)) {
            socket.sendText("SUBSCRIBE\nid:0\ndestination:/topic/prices\n\n\0");
            assertThat(socket.readUntilClosed().messages()).singleElement().asString()
                    .contains("message:The first frame must be CONNECT (or STOMP), not SUBSCRIBE");
        }
    }

    @Test
    void aConnectionThatSaysNothingAndAskedForNoHeartBeatsIsClosedWhenIdle() throws IOException {
        // A server of its own: a one-second idle timeout would race the other tests' one-second deadlines.
        try (ServiceInstance idle = ServiceInstance.start(List.of("ticker.websocket.idle-timeout=1s"));
                RawWebSocket socket = RawWebSocket.open(idle.port(), null, 0)) {
            assertThat(socket.connect("heart-beat:0,0\n")).startsWith("CONNECTED\n");
            assertThat(socket.readUntilClosed().status()).isIn(1001, -1);
        }
    }

    @Test
    void anHttpRequestHeadThatNeverEndsIsClosedAtTheDeadline() throws IOException {
        try (Socket slowloris = RawWebSocket.socket(server.port(), "127.0.0.2")) {
            slowloris.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nX-Slow: a"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = slowloris.getInputStream();
            // Closed by the server long before the socket's own read timeout: what it sends, if anything, is not a 101.
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).doesNotContain("101");
        }
        assertThat(refused("request-head-timeout")).isPositive();
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreClosedAndOtherAddressesStillConnect() throws IOException {
        double before = refused("per-address");
        List<Socket> crowd = new ArrayList<>();
        try {
            int closed = 0;
            for (int i = 0; i < PER_ADDRESS + 5; i++) {
                // Each asks at once and reads its first byte: an open connection gets an answer, a refused one none.
                Socket socket = RawWebSocket.socket(server.port(), "127.0.0.3");
                crowd.add(socket);
                socket.getOutputStream().write(("GET /api/instruments HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                if (readOrEnd(socket.getInputStream()) < 0) {
                    closed++;
                }
            }
            assertThat(closed).isEqualTo(5);
            assertThat(refused("per-address") - before).isEqualTo(5);
            try (StompClient other = server.connect()) {
                assertThat(other.frames().get(0).command()).isEqualTo("CONNECTED");
            }
        }
        finally {
            for (Socket socket : crowd) {
                socket.close();
            }
        }
        // Once the server has seen them go, the address may connect again: closed connections are not counted.
        await().atMost(StompClient.TIMEOUT).until(() -> {
            try (Socket again = RawWebSocket.socket(server.port(), "127.0.0.3")) {
                again.getOutputStream().write(("GET /api/instruments HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return readOrEnd(again.getInputStream()) >= 0;
            }
        });
    }

    /** Connects, sends {@code frame}, and checks that the answer is an ERROR with {@code message} and a close. */
    private static String assertRefusedAfterConnect(String frame, String message) throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.port(), null, 0)) {
            // No heart-beats, so that the ERROR is the last message; an ERROR among heart-beats is
            // ErrorUnderConcurrentSendsIntegrationTest's.
            assertThat(socket.connect("heart-beat:0,0\n")).startsWith("CONNECTED\n");
            socket.sendText(frame);
            RawWebSocket.Closed closed = socket.readUntilClosed();
            assertThat(closed.messages()).last().asString().startsWith("ERROR\n").contains(message);
            return closed.messages().get(closed.messages().size() - 1);
        }
    }

    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        }
        catch (java.net.SocketException ex) {
            return -1;
        }
    }

    private static double refused(String reason) {
        return server.count("ticker.connections.refused", "reason", reason);
    }
}
