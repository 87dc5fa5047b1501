package com.stockticker.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import com.stockticker.support.AnonymousSessionTest;
import com.stockticker.support.ChannelStompClient;
import com.stockticker.support.ErrorMessage;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination guard and the handlers' catch-all, through the inbound channel: what a client may SEND and
 * SUBSCRIBE to, with the codes and messages of docs/protocol.md, and that a refused frame reaches no handler.
 */
class GuardMessageTest extends AnonymousSessionTest {

    private static final String SEND_ONLY = "; clients may SEND only to /app/**";
    private static final String SUBSCRIBE_ONLY = "; clients may SUBSCRIBE only to /topic/**, /app/**, /user/queue/**";
    private static final String WILDCARDS = "' is not allowed: wildcards (* # ? { }) are not supported; subscribe to exact destinations";

    @Value("${ticker.websocket.max-subscriptions:100}")
    int maxSubscriptions;

    @Test
    void aSendOutsideTheApplicationIsForbiddenAndReachesNoBroker() {
        List<String> spoofed = List.of("/topic/prices", "/topic/prices.AAPL", "/queue/errors", "/user/someone/queue/errors");
        spoofed.forEach(destination -> client.sendJson(destination, "{\"seq\":1,\"quotes\":[]}"));

        assertThat(refusals(spoofed.size())).containsExactly(
                error("FORBIDDEN_DESTINATION", "SEND to '/topic/prices' is not allowed" + SEND_ONLY, "/topic/prices"),
                error("FORBIDDEN_DESTINATION", "SEND to '/topic/prices.AAPL' is not allowed" + SEND_ONLY, "/topic/prices.AAPL"),
                error("FORBIDDEN_DESTINATION", "SEND to '/queue/errors' is not allowed" + SEND_ONLY, "/queue/errors"),
                error("FORBIDDEN_DESTINATION", "SEND to '/user/someone/queue/errors' is not allowed" + SEND_ONLY,
                        "/user/someone/queue/errors"));
        assertHandledNone(spoofed);
    }

    @Test
    void anotherSessionsQueueCannotBeSubscribedToByItsNameOrResolved() {
        try (ChannelStompClient victim = stomp.connect()) {
            // Where Spring's user destinations put the victim's /user/queue/errors.
            String resolved = "/queue/errors-user" + victim.sessionId();
            String named = "/user/" + victim.user().getName() + "/queue/errors";
            client.subscribe(resolved);
            client.subscribe(named);

            assertThat(refusals(2)).containsExactly(
                    error("FORBIDDEN_DESTINATION", "SUBSCRIBE to '" + resolved + "' is not allowed" + SUBSCRIBE_ONLY, resolved),
                    error("FORBIDDEN_DESTINATION", "SUBSCRIBE to '" + named + "' is not allowed" + SUBSCRIBE_ONLY, named));
            // Never registered with a broker, so nothing of the victim's can reach this session.
            assertHandledNone(List.of(resolved, named));
        }
    }

    @Test
    void internalTopicsAndWildcardsAreForbidden() {
        List<String> destinations = List.of("/topic/ticker-internal.user-registry", "/topic/prices.*", "/topic/**", "/topic/#",
                "/topic/prices.AAP?", "/topic/{symbol}");
        destinations.forEach(client::subscribe);

        List<ErrorMessage> expected = new ArrayList<>();
        expected.add(error("FORBIDDEN_DESTINATION",
                "SUBSCRIBE to '/topic/ticker-internal.user-registry' is not allowed: it is internal to the service",
                "/topic/ticker-internal.user-registry"));
        destinations.subList(1, destinations.size())
                .forEach(destination -> expected.add(error("FORBIDDEN_DESTINATION", "SUBSCRIBE to '" + destination + WILDCARDS, destination)));
        assertThat(refusals(destinations.size())).containsExactlyElementsOf(expected);
        assertHandledNone(destinations);
    }

    @Test
    void aSelectorOnATopicIsAnInvalidHeaderAndMakesNoSubscription() {
        client.subscribe("/topic/prices", Map.of("selector", "headers['seq'] == '1'"));

        assertThat(refusals(1)).containsExactly(error("INVALID_HEADER", "SUBSCRIBE to '/topic/prices': the selector header is not "
                + "supported on topics; subscribe to the exact destination you want", "/topic/prices"));
        assertHandledNone(List.of("/topic/prices"));
    }

    @Test
    void resumeAndFormatHeadersMustBeUsableAndOnTheirDestination() {
        client.subscribe("/topic/prices", Map.of("resume-after", "yesterday"));
        client.subscribe("/topic/prices", Map.of("resume-after", "-1"));
        client.subscribe("/topic/prices", Map.of("resume-market", "m"));
        client.subscribe("/topic/prices.AAPL", Map.of("resume-after", "1"));
        client.subscribe("/topic/prices", Map.of("format", "protobuf"));
        client.subscribe("/topic/prices.AAPL", Map.of("format", "lean"));

        assertThat(refusals(6)).containsExactly(
                error("INVALID_HEADER", "resume-after must be the seq of the last message applied (0 for none), not 'yesterday'", "/topic/prices"),
                error("INVALID_HEADER", "resume-after must be the seq of the last message applied (0 for none), not '-1'", "/topic/prices"),
                error("INVALID_HEADER", "resume-market needs resume-after, the seq of the last message applied in that market", "/topic/prices"),
                error("INVALID_HEADER", "SUBSCRIBE to '/topic/prices.AAPL' cannot resume: resume-after is allowed only on /topic/prices",
                        "/topic/prices.AAPL"),
                error("INVALID_HEADER", "SUBSCRIBE to '/topic/prices': format 'protobuf' is not offered here; it comes in lean", "/topic/prices"),
                error("INVALID_HEADER", "SUBSCRIBE to '/topic/prices.AAPL': format 'lean' is not offered here; this destination has no formats",
                        "/topic/prices.AAPL"));
        assertHandledNone(List.of("/topic/prices", "/topic/prices.AAPL"));
    }

    @Test
    void candleTopicsNameATradedSymbolAndAConfiguredInterval() {
        client.subscribe("/topic/candles.NOPE.1m");
        client.subscribe("/topic/candles.AAPL.7s");
        client.subscribe("/topic/candles.AAPL");

        String intervals = "; the intervals are 1s, 5s, 1m, 5m";
        assertThat(refusals(3)).containsExactly(
                error("UNKNOWN_SYMBOL", "SUBSCRIBE to '/topic/candles.NOPE.1m': Unknown symbol 'NOPE'", "/topic/candles.NOPE.1m"),
                error("UNKNOWN_INTERVAL", "SUBSCRIBE to '/topic/candles.AAPL.7s': Unknown candle interval '7s'" + intervals,
                        "/topic/candles.AAPL.7s"),
                error("UNKNOWN_INTERVAL", "SUBSCRIBE to '/topic/candles.AAPL': Unknown candle interval ''" + intervals, "/topic/candles.AAPL"));
        // A known one is taken; the refused ones never reached the broker.
        client.subscribeWithReceipt("/topic/candles.MSFT.1s");
        assertThat(client.handled()).extracting(StompFrame::destination).containsOnlyOnce("/topic/candles.MSFT.1s")
                .doesNotContain("/topic/candles.NOPE.1m", "/topic/candles.AAPL.7s", "/topic/candles.AAPL");
    }

    @Test
    void anApplicationDestinationThatNothingAnswersIsUnknown() {
        client.sendJson("/app/subscription", "{}");
        client.subscribe("/app/quote");

        assertThat(refusals(2)).containsExactly(
                error("UNKNOWN_DESTINATION", "Nothing answers a SEND to '/app/subscription'; see docs/protocol.md", "/app/subscription"),
                error("UNKNOWN_DESTINATION", "Nothing answers a SUBSCRIBE to '/app/quote'; see docs/protocol.md", "/app/quote"));
        // A mapped destination still wins over the catch-all.
        String snapshot = client.subscribe("/app/quotes");
        assertThat(client.awaitMessages(snapshot, 1).get(0).json().get("quotes")).hasSize(20);
    }

    @Test
    void tradingNeedsALoggedInUser() {
        client.sendJson("/app/orders", "{\"clientOrderId\":\"a1\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":1}");
        client.sendJson("/app/orders/cancel", "{\"orderId\":\"O-1\"}");
        client.sendJson("/app/account/reset", "{}");
        List<String> subscriptions = List.of("/user/queue/orders", "/user/queue/portfolio", "/app/portfolio", "/app/orders");
        subscriptions.forEach(client::subscribe);

        String login = " needs a logged-in user; CONNECT with login and passcode";
        assertThat(refusals(7)).containsExactly(
                error("AUTHENTICATION_REQUIRED", "SEND to '/app/orders'" + login, "/app/orders"),
                error("AUTHENTICATION_REQUIRED", "SEND to '/app/orders/cancel'" + login, "/app/orders/cancel"),
                error("AUTHENTICATION_REQUIRED", "SEND to '/app/account/reset'" + login, "/app/account/reset"),
                error("AUTHENTICATION_REQUIRED", "SUBSCRIBE to '/user/queue/orders'" + login, "/user/queue/orders"),
                error("AUTHENTICATION_REQUIRED", "SUBSCRIBE to '/user/queue/portfolio'" + login, "/user/queue/portfolio"),
                error("AUTHENTICATION_REQUIRED", "SUBSCRIBE to '/app/portfolio'" + login, "/app/portfolio"),
                error("AUTHENTICATION_REQUIRED", "SUBSCRIBE to '/app/orders'" + login, "/app/orders"));
        assertHandledNone(List.of("/app/orders", "/app/orders/cancel", "/app/account/reset", "/user/queue/orders",
                "/user/queue/portfolio", "/app/portfolio"));
    }

    @Test
    void aConnectionHoldsSoManySubscriptionsUnderIdsOfItsOwn() {
        // The errors subscription is the first; snapshots under /app hold nothing and do not count.
        List<String> held = new ArrayList<>();
        for (int i = 1; i < maxSubscriptions; i++) {
            held.add(client.subscribe(i % 2 == 0 ? "/topic/prices.AAPL" : "/user/queue/quotes"));
        }
        client.subscribe("/app/quotes");
        client.subscribe("/topic/prices.MSFT");
        client.send("SUBSCRIBE", Map.of("id", held.get(0), "destination", "/topic/prices.KO"), "");
        client.send("SUBSCRIBE", Map.of("destination", "/topic/prices.KO"), "");

        assertThat(refusals(3)).containsExactly(
                error("TOO_MANY_SUBSCRIPTIONS", "A connection may hold at most " + maxSubscriptions
                        + " subscriptions; UNSUBSCRIBE from one first", "/topic/prices.MSFT"),
                error("INVALID_MESSAGE", "SUBSCRIBE needs an id that this connection does not use already; '" + held.get(0)
                        + "' is in use", "/topic/prices.KO"),
                error("INVALID_MESSAGE", "SUBSCRIBE needs an id that this connection does not use already", "/topic/prices.KO"));

        // Making room lets the next one in.
        String receipt = client.nextReceipt();
        client.send("UNSUBSCRIBE", Map.of("id", held.get(1), "receipt", receipt), "");
        client.awaitReceipt(receipt);
        client.subscribeWithReceipt("/topic/prices.MSFT");
        // Of the two SUBSCRIBEs to it, the refused one never reached the broker; this one did.
        assertThat(client.handled()).filteredOn(frame -> "/topic/prices.MSFT".equals(frame.destination())).hasSize(1);
    }

    private static ErrorMessage error(String code, String message, String destination) {
        return new ErrorMessage(code, message, destination);
    }

    /**
     * None of {@code destinations} reached a controller or broker: checked once a frame sent after them has been
     * handled, as a session's frames are handled in order.
     */
    private void assertHandledNone(List<String> destinations) {
        String receipt = client.nextReceipt();
        client.send("SUBSCRIBE", Map.of("id", "after", "destination", "/app/quotes", "receipt", receipt), "");
        client.awaitReceipt(receipt);
        assertThat(client.handled()).extracting(StompFrame::destination).contains("/app/quotes").doesNotContainAnyElementsOf(destinations);
    }
}
