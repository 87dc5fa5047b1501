package com.stockticker.feed;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.stockticker.support.AnonymousSessionTest;
import com.stockticker.support.ErrorMessage;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managed subscription requests on {@code /app/subscriptions}: the snapshot that answers one, and every refusal
 * with its code and message (docs/protocol.md, "Managed subscriptions" and "Errors"). How updates are conflated
 * over time is ManagedSubscriptionIntegrationTest's.
 */
class SubscriptionMessageTest extends AnonymousSessionTest {

    private static final String SUBSCRIPTIONS = "/app/subscriptions";

    private String quotes;

    @BeforeEach
    void subscribeToQuotes() {
        quotes = client.subscribeWithReceipt("/user/queue/quotes");
    }

    @Test
    void aSubscribeIsAnsweredWithASnapshotOfItsSymbols() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"MSFT\",\"AAPL\"],\"maxRate\":2}");

        StompFrame snapshot = client.awaitMessages(quotes, 1).get(0);
        assertThat(snapshot.destination()).isEqualTo("/user/queue/quotes");
        assertThat(snapshot.json().get("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.json().get("seq").asLong()).isPositive();
        // In configuration order, whatever the request's.
        assertThat(symbols(snapshot.json())).containsExactly("AAPL", "MSFT");
    }

    @Test
    void unknownSymbolsAreListed() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\",\"NOPE\",\"ZZZ\"]}");

        assertThat(refusals(1)).containsExactly(new ErrorMessage("UNKNOWN_SYMBOL", "Unknown symbols: NOPE, ZZZ", SUBSCRIPTIONS));
        assertStillServes();
    }

    @Test
    void tooManySymbolsAreRefused() {
        String symbols = IntStream.rangeClosed(1, 51).mapToObj(i -> "\"S" + i + "\"").collect(Collectors.joining(","));
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[" + symbols + "]}");

        assertThat(refusals(1)).containsExactly(new ErrorMessage("TOO_MANY_SYMBOLS",
                "A session may follow at most 50 symbols, this request would make 51", SUBSCRIPTIONS));
        assertStillServes();
    }

    @Test
    void aRateOutOfRangeIsRefused() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":50}");
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":0}");

        assertThat(refusals(2)).containsExactly(
                new ErrorMessage("RATE_OUT_OF_RANGE", "maxRate must be more than 0 and at most 10.0 updates per second, not 50.0", SUBSCRIPTIONS),
                new ErrorMessage("RATE_OUT_OF_RANGE", "maxRate must be more than 0 and at most 10.0 updates per second, not 0.0", SUBSCRIPTIONS));
        assertStillServes();
    }

    @Test
    void malformedJsonAndWrongShapesAreRefusedWithDistinctCodes() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",");
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxrate\":2}");
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"watch\",\"symbols\":[\"AAPL\"]}");
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[]}");
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":\"fast\"}");
        client.sendJson(SUBSCRIPTIONS, "[1,2]");
        client.send("SEND", Map.of("destination", SUBSCRIPTIONS, "content-type", "text/plain"), "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"]}");

        List<ErrorMessage> refused = refusals(7);
        assertThat(refused.get(0).code()).isEqualTo("MALFORMED_JSON");
        assertThat(refused.get(0).message()).startsWith("The body is not valid JSON: ");
        assertThat(refused.subList(1, 7)).containsExactly(
                new ErrorMessage("INVALID_MESSAGE", "Unknown field 'maxrate'", SUBSCRIPTIONS),
                new ErrorMessage("INVALID_MESSAGE", "Invalid value 'watch' for 'action'", SUBSCRIPTIONS),
                new ErrorMessage("INVALID_MESSAGE", "symbols must not be empty", SUBSCRIPTIONS),
                new ErrorMessage("INVALID_MESSAGE", "Invalid value 'fast' for 'maxRate'", SUBSCRIPTIONS),
                new ErrorMessage("INVALID_MESSAGE", "The body must be a JSON object with the documented fields", SUBSCRIPTIONS),
                new ErrorMessage("INVALID_MESSAGE", "The body cannot be read: send JSON, with content-type application/json or none",
                        SUBSCRIPTIONS));
        assertStillServes();
    }

    @Test
    void anUnsubscribeSendsNothingAndIgnoresSymbolsNotSubscribed() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"AAPL\"]}");
        client.awaitMessages(quotes, 1);
        String receipt = client.nextReceipt();
        client.send("SEND", Map.of("destination", SUBSCRIPTIONS, "content-type", "application/json", "receipt", receipt),
                "{\"action\":\"unsubscribe\",\"symbols\":[\"AAPL\",\"KO\"]}");
        client.awaitReceipt(receipt);

        assertThat(client.messages(errors)).isEmpty();
    }

    /** The session still answers: a valid request gets its snapshot, after every refusal before it. */
    private void assertStillServes() {
        client.sendJson(SUBSCRIPTIONS, "{\"action\":\"subscribe\",\"symbols\":[\"KO\"]}");
        StompFrame snapshot = client.await(frame -> quotes.equals(frame.header("subscription"))
                && frame.json().get("type").asString().equals("snapshot"));
        assertThat(symbols(snapshot.json())).containsExactly("KO");
    }

    private static List<String> symbols(JsonNode message) {
        return message.get("quotes").valueStream().map(quote -> quote.get("symbol").asString()).toList();
    }
}
