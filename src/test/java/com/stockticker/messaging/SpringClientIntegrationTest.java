package com.stockticker.messaging;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.RestClientXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's own STOMP client, as a Java user would connect: over WebSocket, and over both SockJS transports. */
@LiveServerTest
class SpringClientIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void receivesBatchesOverNativeWebSocket() throws Exception {
        assertReceivesBatches(new StandardWebSocketClient(), "ws://localhost:" + port + "/ws");
    }

    @Test
    void receivesBatchesOverSockJsWebSocketTransport() throws Exception {
        assertReceivesBatches(new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient()))),
                "http://localhost:" + port + "/sockjs");
    }

    @Test
    void receivesBatchesOverSockJsHttpStreaming() throws Exception {
        // The fallback a browser behind a proxy that blocks WebSocket ends up on.
        assertReceivesBatches(new SockJsClient(List.of(new RestClientXhrTransport(RestClient.create()))),
                "http://localhost:" + port + "/sockjs");
    }

    private void assertReceivesBatches(WebSocketClient transport, String url) throws Exception {
        WebSocketStompClient stomp = new WebSocketStompClient(transport);
        stomp.setMessageConverter(new JacksonJsonMessageConverter());
        StompSession session = stomp.connectAsync(url, new StompSessionHandlerAdapter() { })
                .get(StompClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            BlockingQueue<JsonNode> errors = subscribe(session, "/user/queue/errors");
            BlockingQueue<JsonNode> snapshot = subscribe(session, "/app/quotes");
            BlockingQueue<JsonNode> batches = subscribe(session, "/topic/prices");

            assertThat(snapshot.poll(StompClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).get("quotes")).hasSize(20);
            JsonNode first = batches.poll(StompClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode second = batches.poll(StompClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(second.get("seq").asLong()).isEqualTo(first.get("seq").asLong() + 1);

            // User destinations reach this session on every transport.
            session.send("/app/subscriptions", Map.of("action", "subscribe", "symbols", List.of("NOPE")));
            JsonNode error = errors.poll(StompClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(error.get("code").asString()).as(error.toString())
                    .isEqualTo("UNKNOWN_SYMBOL");
        }
        finally {
            session.disconnect();
            stomp.stop();
        }
    }

    private static BlockingQueue<JsonNode> subscribe(StompSession session, String destination) {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                received.add((JsonNode) payload);
            }
        });
        return received;
    }
}
