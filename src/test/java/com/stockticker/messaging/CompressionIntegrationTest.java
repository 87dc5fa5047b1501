package com.stockticker.messaging;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.RawWebSocket;
import com.stockticker.support.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** permessage-deflate, offered as every browser offers it: declined unless ticker.websocket.compression is on. */
@LiveServerTest
class CompressionIntegrationTest {

    private static final String BROWSER_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    @LocalServerPort
    int port;

    @Test
    void aBrowsersCompressionOfferIsDeclinedByDefaultAndTheSessionWorks() throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(port, null, 0, BROWSER_OFFER)) {
            assertThat(socket.handshakeResponse().toLowerCase()).doesNotContain("sec-websocket-extensions");
            assertThat(socket.connect("")).startsWith("CONNECTED\n");
        }
    }

    @Test
    void anOperatorMayTurnItOn() throws IOException {
        try (ServiceInstance compressing = ServiceInstance.start(List.of("ticker.websocket.compression=true"));
                RawWebSocket socket = RawWebSocket.open(compressing.port(), null, 0, BROWSER_OFFER)) {
            assertThat(socket.handshakeResponse().toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
        }
    }
}
