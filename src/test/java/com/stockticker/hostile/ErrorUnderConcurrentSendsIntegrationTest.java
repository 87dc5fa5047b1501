package com.stockticker.hostile;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.stockticker.support.RawWebSocket;
import com.stockticker.support.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that is refused while the server is sending it something else still hears why before the close.
 * The server here sends heart-beats every millisecond to the clients that ask for them, so that the ERROR of
 * a broken frame nearly always meets a heart-beat being sent on another thread. (Spring's per-session send
 * decorator, which StompConfiguration leaves out, held the ERROR back behind the heart-beat and then dropped it
 * when the close began: the client saw the close alone.)
 */
class ErrorUnderConcurrentSendsIntegrationTest {

    private static final int REFUSED_CLIENTS = 40;

    private static ServiceInstance server;

    @BeforeAll
    static void start() {
        server = ServiceInstance.start(List.of("ticker.websocket.heartbeat.send=1ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRefusedClientGetsItsErrorBeforeTheCloseWhileHeartBeatsFlow() throws Exception {
        for (int i = 0; i < REFUSED_CLIENTS; i++) {
            try (RawWebSocket socket = RawWebSocket.open(server.port(), null, 0)) {
                socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,1\n\n\0");
                // The broker's heart-beat task may send its first end-of-line even before CONNECTED: harmless, as
                // STOMP allows end-of-lines between frames.
                String connected = socket.readText();
                while (connected.equals("\n")) {
                    connected = socket.readText();
                }
                assertThat(connected).startsWith("CONNECTED\n").contains("heart-beat:1,");
                assertThat(socket.readText()).as("heart-beats flow").isEqualTo("\n");
                socket.sendText("FROB\n\n\0");

                RawWebSocket.Closed closed = socket.readUntilClosed();

                assertThat(closed.messages()).as("client %d: heart-beats, then the ERROR", i)
                        .anySatisfy(message -> assertThat(message).startsWith("ERROR\n").contains("message:Unknown STOMP command 'FROB'"));
                assertThat(closed.status()).isEqualTo(1002);
            }
        }
    }
}
