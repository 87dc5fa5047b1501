package com.stockticker.examples;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line recipe of {@code docs/protocol.md}: the very lines a person types into wscat, on SockJS's
 * raw WebSocket URL, where a frame is a JSON string and so its newlines and NUL can be typed.
 */
@LiveServerTest
class CommandLineRecipeIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void theTypedLinesConnectSubscribeAndReceiveQuotes() {
        try (StompClient wscat = wscat("recipe")) {
            StompFrame connected = typeConnect(wscat, """
                    ["CONNECT\\naccept-version:1.2\\nhost:localhost\\n\\n\\u0000"]""");
            assertThat(connected.header("version")).isEqualTo("1.2");

            wscat.sendText("""
                    ["SUBSCRIBE\\nid:0\\ndestination:/topic/prices.AAPL\\n\\n\\u0000"]""");
            StompFrame quote = wscat.await(frame -> frame.command().equals("MESSAGE"));
            assertThat(quote.destination()).isEqualTo("/topic/prices.AAPL");
            assertThat(quote.json().get("symbol").asString()).isEqualTo("AAPL");

            wscat.sendText("""
                    ["SUBSCRIBE\\nid:1\\ndestination:/user/queue/quotes\\n\\n\\u0000"]""");
            wscat.sendText("""
                    ["SEND\\ndestination:/app/subscriptions\\n\\n{\\"action\\":\\"subscribe\\",\\"symbols\\":[\\"MSFT\\"],\\"maxRate\\":1}\\u0000"]""");
            StompFrame snapshot = wscat.await(frame -> "/user/queue/quotes".equals(frame.destination()));
            assertThat(snapshot.json().get("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.json().get("quotes").get(0).get("symbol").asString()).isEqualTo("MSFT");
        }
    }

    @Test
    void theTypedTradingLinesPlaceAnOrder() {
        try (StompClient wscat = wscat("trading")) {
            StompFrame connected = typeConnect(wscat, """
                    ["CONNECT\\naccept-version:1.2\\nhost:localhost\\nlogin:alice\\npasscode:alice-demo\\n\\n\\u0000"]""");
            assertThat(connected.header("user-name")).isEqualTo("alice");
            wscat.sendText("""
                    ["SUBSCRIBE\\nid:0\\ndestination:/user/queue/orders\\n\\n\\u0000"]""");
            wscat.sendText("""
                    ["SEND\\ndestination:/app/orders\\n\\n{\\"clientOrderId\\":\\"cli-1\\",\\"symbol\\":\\"AAPL\\",\\"side\\":\\"BUY\\",\\"type\\":\\"MARKET\\",\\"quantity\\":1}\\u0000"]""");

            StompFrame filled = wscat.await(frame -> frame.command().equals("MESSAGE") && frame.json().get("status").asString().equals("FILLED"));
            assertThat(filled.json().get("clientOrderId").asString()).isEqualTo("cli-1");
        }
    }

    /** wscat on SockJS's raw WebSocket URL, with a session id of its own. */
    private StompClient wscat(String session) {
        return StompClient.openSockJsWebSocket(URI.create("ws://localhost:" + port + "/sockjs/000/" + session + "/websocket"));
    }

    private static StompFrame typeConnect(StompClient wscat, String line) {
        wscat.sendText(line);
        return wscat.await(frame -> frame.command().equals("CONNECTED"));
    }
}
