package com.stockticker.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.stockticker.messaging.Destinations;

/**
 * The STOMP clients a test connects to a live server's {@code /ws}, closed after each test when registered as a
 * field with {@code @RegisterExtension}.
 */
public final class StompClients implements AfterEachCallback {

    private final List<StompClient> connected = new ArrayList<>();

    public StompClient connect(int port) {
        StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + Destinations.WEBSOCKET_ENDPOINT));
        connected.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        connected.forEach(StompClient::close);
        connected.clear();
    }
}
