package com.stockticker.examples;

import java.io.PrintStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The Java example of {@code docs/protocol.md}: Spring's {@code WebSocketStompClient} prints the snapshot and
 * then the quotes of a few ticks. Run it with {@code ./mvnw test-compile exec:java} or from an IDE; the test
 * suite runs it against a live server.
 */
public final class JavaClientExample {

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "ws://localhost:8080/ws";
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        run(url, ticks, Duration.ofSeconds(30), System.out);
    }

    /** @param patience how long to wait for the connection, and then for the ticks */
    static void run(String url, int ticks, Duration patience, PrintStream out) throws Exception {
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
        // Prices are decimals with a fixed number of places: read them as BigDecimal, never as double.
        stomp.setMessageConverter(new JacksonJsonMessageConverter(JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build()));
        StompSession session = stomp.connectAsync(url, new StompSessionHandlerAdapter() { }).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        CountDownLatch remaining = new CountDownLatch(ticks);
        try {
            session.subscribe("/user/queue/errors", handler(error -> out.println("server error: " + error)));
            session.subscribe("/app/quotes", handler(snapshot ->
                    out.println("snapshot seq " + snapshot.get("seq") + ": " + snapshot.get("quotes").size() + " quotes")));
            session.subscribe("/topic/prices", handler(batch -> {
                if (remaining.getCount() == 0) {
                    return;
                }
                out.println("tick " + batch.get("seq").asLong() + " " + batch.get("timestamp").asString());
                for (JsonNode quote : batch.get("quotes")) {
                    out.printf("%-6s %10s %+8.2f  bid %s ask %s%n", quote.get("symbol").asString(),
                            quote.get("price").decimalValue(), quote.get("change").doubleValue(),
                            quote.get("bid").decimalValue(), quote.get("ask").decimalValue());
                }
                remaining.countDown();
            }));
            if (!remaining.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("fewer than " + ticks + " ticks arrived in " + patience.toSeconds() + " s");
            }
        }
        finally {
            session.disconnect();
            stomp.stop();
        }
    }

    private static StompFrameHandler handler(java.util.function.Consumer<JsonNode> action) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                action.accept((JsonNode) payload);
            }
        };
    }
}
