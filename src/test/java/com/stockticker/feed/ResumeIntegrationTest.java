package com.stockticker.feed;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.PriceBatches;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompClients;
import com.stockticker.support.StompFrame;

import static com.stockticker.support.PriceBatches.awaitSeq;
import static com.stockticker.support.PriceBatches.last;
import static com.stockticker.support.PriceBatches.seq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber of {@code /topic/prices} that comes back after a reconnect: it gets exactly the batches it missed,
 * as a subscriber that never left got them, or a snapshot it is told about. The market ticks every 50 ms.
 */
@LiveServerTest
class ResumeIntegrationTest {


    @LocalServerPort
    int port;

    @RegisterExtension
    final StompClients clients = new StompClients();

    @Test
    void aClientAwayForFiveSecondsResumesWithEveryBatchItMissedAsAClientThatStayedGotThem() {
        StompClient stayed = clients.connect(port);
        // With a receipt: it follows from before the other client's first batch, so it has every batch that one gets.
        String all = stayed.subscribeWithReceipt(Destinations.PRICES);
        StompClient away = clients.connect(port);
        String before = away.subscribe(Destinations.PRICES, Map.of(ResumeRequest.AFTER_HEADER, "0"));
        StompFrame snapshot = away.awaitMessages(before, 1).get(0);
        assertThat(snapshot.header(ResumeRequest.SNAPSHOT)).isEqualTo("true");
        String market = snapshot.header(ResumeRequest.MARKET);
        assertThat(market).isNotBlank();
        assertThat(snapshot.json().get("quotes")).hasSize(20);
        awaitSeq(away, before, seq(snapshot) + 5);

        away.close();
        long applied = seq(away.messages(before).get(away.messages(before).size() - 1));
        // A hundred ticks of 50 ms: five seconds away.
        awaitSeq(stayed, all, applied + 100);
        StompClient back = clients.connect(port);
        String resumed = back.subscribe(Destinations.PRICES,
                Map.of(ResumeRequest.AFTER_HEADER, Long.toString(applied), ResumeRequest.MARKET_HEADER, market));
        long until = seq(last(stayed.messages(all))) + 20;
        awaitSeq(back, resumed, until);
        awaitSeq(stayed, all, until);

        List<StompFrame> caughtUp = back.messages(resumed).stream().filter(frame -> seq(frame) <= until).toList();
        assertThat(caughtUp).extracting(PriceBatches::seq)
                .as("every batch after the last one applied, in order, each once")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(applied + 1, until).boxed().toList());
        Map<Long, StompFrame> reference = stayed.messages(all).stream()
                .collect(Collectors.toMap(PriceBatches::seq, Function.identity()));
        assertThat(caughtUp).allSatisfy(frame -> {
            assertThat(frame.header(ResumeRequest.SNAPSHOT)).isNull();
            assertThat(frame.body()).isEqualTo(reference.get(seq(frame)).body());
            assertThat(frame.header("message-id")).isEqualTo(reference.get(seq(frame)).header("message-id"));
        });
    }

    @Test
    void aClientOfAnotherMarketGetsASnapshotNamingThisOneThenTheLiveBatches() {
        StompClient client = clients.connect(port);
        String prices = client.subscribe(Destinations.PRICES,
                Map.of(ResumeRequest.AFTER_HEADER, "12", ResumeRequest.MARKET_HEADER, "a-market-that-is-gone"));

        List<StompFrame> frames = client.awaitMessages(prices, 5);

        StompFrame snapshot = frames.get(0);
        assertThat(snapshot.header(ResumeRequest.SNAPSHOT)).isEqualTo("true");
        assertThat(snapshot.header(ResumeRequest.MARKET)).isNotBlank().isNotEqualTo("a-market-that-is-gone");
        assertThat(snapshot.json().get("quotes")).hasSize(20);
        assertThat(frames.subList(1, frames.size())).allSatisfy(frame -> assertThat(frame.header(ResumeRequest.SNAPSHOT)).isNull());
        // As after /app/quotes: live batches not later than the snapshot are skipped, the rest follow one by one.
        List<Long> live = frames.subList(1, frames.size()).stream().map(PriceBatches::seq)
                .filter(seq -> seq > seq(snapshot)).toList();
        for (int i = 0; i < live.size(); i++) {
            assertThat(live.get(i)).isEqualTo(seq(snapshot) + 1 + i);
        }
    }

    @Test
    void aClientAheadOfWhatTheServerHasGetsASnapshot() {
        StompClient probe = clients.connect(port);
        String first = probe.subscribe(Destinations.PRICES, Map.of(ResumeRequest.AFTER_HEADER, "0"));
        StompFrame snapshot = probe.awaitMessages(first, 1).get(0);

        StompClient client = clients.connect(port);
        String prices = client.subscribe(Destinations.PRICES, Map.of(ResumeRequest.AFTER_HEADER,
                Long.toString(seq(snapshot) + 1_000_000), ResumeRequest.MARKET_HEADER, snapshot.header(ResumeRequest.MARKET)));

        StompFrame answer = client.awaitMessages(prices, 1).get(0);
        assertThat(answer.header(ResumeRequest.SNAPSHOT)).isEqualTo("true");
        assertThat(answer.header(ResumeRequest.MARKET)).isEqualTo(snapshot.header(ResumeRequest.MARKET));
    }

    @Test
    void aClientThatAsksForNothingNewGetsTheFramesItAlwaysGot() {
        StompClient client = clients.connect(port);
        String prices = client.subscribe(Destinations.PRICES);

        StompFrame batch = client.awaitMessages(prices, 1).get(0);

        assertThat(batch.headers().keySet())
                .containsExactlyInAnyOrder("destination", "content-type", "subscription", "message-id", "content-length");
    }
}
