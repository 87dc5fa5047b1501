package com.stockticker.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.MessageFormats;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.PriceBatches;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompClients;
import com.stockticker.support.StompFrame;

import static com.stockticker.support.PriceBatches.awaitSeq;
import static com.stockticker.support.PriceBatches.seq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean format of {@code /topic/prices}: a snapshot, then only what changed, tells a client exactly what the
 * default JSON tells a client beside it, in fewer bytes.
 */
@LiveServerTest
class LeanFormatIntegrationTest {

    /** The lean keys and the quote fields they stand for, as docs/protocol.md ("Lean batch") lists them. */
    private static final Map<String, String> KEYS = Map.of("p", "price", "b", "bid", "a", "ask", "h", "high", "l", "low",
            "c", "change", "cp", "changePercent", "v", "volume");

    @LocalServerPort
    int port;

    @RegisterExtension
    final StompClients clients = new StompClients();

    @Test
    void aSnapshotCompletedByLeanBatchesIsExactlyWhatTheDefaultJsonSays() {
        StompClient full = clients.connect(port);
        // With a receipt: it follows from before the lean client's snapshot, so it has every batch after it.
        String all = full.subscribeWithReceipt(Destinations.PRICES);
        StompClient lean = clients.connect(port);
        String leanPrices = lean.subscribe(Destinations.PRICES,
                Map.of(MessageFormats.HEADER, LeanQuote.FORMAT, ResumeRequest.AFTER_HEADER, "0"));

        StompFrame snapshot = lean.awaitMessages(leanPrices, 1).get(0);
        assertThat(snapshot.header(ResumeRequest.SNAPSHOT)).as("a snapshot is the whole default JSON").isEqualTo("true");
        long from = seq(snapshot) + 1;
        awaitSeq(lean, leanPrices, from + 40);
        awaitSeq(full, all, from + 40);

        Map<String, ObjectNode> state = new HashMap<>();
        snapshot.json().get("quotes").forEach(quote -> state.put(quote.get("symbol").asString(), (ObjectNode) quote.deepCopy()));
        Map<Long, StompFrame> reference = bySeq(full.messages(all));
        int compared = 0;
        for (StompFrame frame : lean.messages(leanPrices).subList(1, lean.messages(leanPrices).size())) {
            JsonNode batch = frame.json();
            if (batch.get("seq").asLong() < from || batch.get("seq").asLong() > from + 40) {
                continue;
            }
            apply(batch, state);
            StompFrame same = reference.get(batch.get("seq").asLong());
            assertThat(frame.body().length()).as("fewer bytes than the default JSON").isLessThan(same.body().length());
            for (JsonNode quote : same.json().get("quotes")) {
                JsonNode applied = state.get(quote.get("symbol").asString());
                for (String field : List.of("symbol", "name", "price", "bid", "ask", "open", "high", "low", "previousClose",
                        "change", "changePercent", "volume", "seq", "tickSeq")) {
                    assertThat(applied.get(field).asString()).as(quote.get("symbol") + " " + field + " in " + batch.get("seq"))
                            .isEqualTo(quote.get(field).asString());
                }
                assertThat(Instant.parse(applied.get("timestamp").asString())).isEqualTo(Instant.parse(quote.get("timestamp").asString()));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(40);
    }

    @Test
    void theKeysHandedToClientsAreTheDocumentedOnes() {
        Map<String, String> withSymbol = new HashMap<>(KEYS);
        withSymbol.put("s", "symbol");
        assertThat(LeanQuote.KEYS).isEqualTo(withSymbol);
    }

    @Test
    void aLeanSubscriberResumesWithLeanBatches() {
        StompClient stayed = clients.connect(port);
        String all = stayed.subscribeWithReceipt(Destinations.PRICES, Map.of(MessageFormats.HEADER, LeanQuote.FORMAT));
        StompClient away = clients.connect(port);
        String before = away.subscribe(Destinations.PRICES,
                Map.of(MessageFormats.HEADER, LeanQuote.FORMAT, ResumeRequest.AFTER_HEADER, "0"));
        StompFrame snapshot = away.awaitMessages(before, 1).get(0);
        awaitSeq(away, before, seq(snapshot) + 3);
        away.close();
        long applied = seq(away.messages(before).get(away.messages(before).size() - 1));
        awaitSeq(stayed, all, applied + 20);

        StompClient back = clients.connect(port);
        String resumed = back.subscribe(Destinations.PRICES, Map.of(MessageFormats.HEADER, LeanQuote.FORMAT,
                ResumeRequest.AFTER_HEADER, Long.toString(applied), ResumeRequest.MARKET_HEADER, snapshot.header(ResumeRequest.MARKET)));
        awaitSeq(back, resumed, applied + 25);

        Map<Long, StompFrame> reference = bySeq(stayed.messages(all));
        List<StompFrame> caughtUp = back.messages(resumed).stream().filter(frame -> seq(frame) <= applied + 25).toList();
        assertThat(caughtUp).extracting(PriceBatches::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(applied + 1, applied + 25).boxed().toList());
        assertThat(caughtUp).allSatisfy(frame -> assertThat(frame.body()).isEqualTo(reference.get(seq(frame)).body()));
        assertThat(caughtUp.get(0).json().has("q")).isTrue();
    }

    /** What docs/protocol.md tells a lean client to do with a batch. */
    private static void apply(JsonNode batch, Map<String, ObjectNode> state) {
        for (JsonNode lean : batch.get("q")) {
            ObjectNode quote = state.get(lean.get("s").asString());
            KEYS.forEach((key, field) -> {
                if (lean.has(key)) {
                    quote.set(field, lean.get(key));
                }
            });
            quote.put("seq", quote.get("seq").asLong() + 1);
            quote.put("tickSeq", batch.get("seq").asLong());
            quote.put("timestamp", Instant.ofEpochMilli(batch.get("t").asLong()).toString());
        }
    }


    private static Map<Long, StompFrame> bySeq(List<StompFrame> frames) {
        Map<Long, StompFrame> bySeq = new HashMap<>();
        frames.forEach(frame -> bySeq.put(seq(frame), frame));
        return bySeq;
    }
}
