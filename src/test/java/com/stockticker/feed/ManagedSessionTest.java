package com.stockticker.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ManagedSessionTest {

    private final ManagedSession session = new ManagedSession("s1");

    @Test
    void sendsEachSymbolAtMostOnceEveryTicksBetweenAndAlwaysTheLatest() {
        session.subscribe(List.of("AAA"), 4, 0);
        List<List<Quote>> sent = new ArrayList<>();
        for (long tick = 1; tick <= 12; tick++) {
            sent.add(session.due(tick(tick, quote("AAA", tick))));
        }
        // Due on ticks 4, 8 and 12, each time with the quote of that very tick: nothing older is queued.
        assertThat(sent).extracting(List::size).containsExactly(0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(sent.get(3).get(0).tickSeq()).isEqualTo(4);
        assertThat(sent.get(11).get(0).tickSeq()).isEqualTo(12);
    }

    @Test
    void aQuoteThatWaitedIsSentWhenDueEvenIfTheSymbolDidNotTradeAgain() {
        session.subscribe(List.of("AAA"), 3, 0);
        assertThat(session.due(tick(1, quote("AAA", 1)))).isEmpty();
        assertThat(session.due(tick(2))).isEmpty();
        assertThat(session.due(tick(3))).extracting(Quote::tickSeq).containsExactly(1L);
        assertThat(session.due(tick(4))).isEmpty();
    }

    @Test
    void onlySubscribedSymbolsAreSentAndUnsubscribingStopsThem() {
        session.subscribe(List.of("AAA", "BBB"), 1, 0);
        assertThat(session.due(tick(1, quote("AAA", 1), quote("CCC", 1), quote("BBB", 1))))
                .extracting(Quote::symbol).containsExactly("AAA", "BBB");
        session.unsubscribe(List.of("AAA"));
        assertThat(session.due(tick(2, quote("AAA", 2), quote("BBB", 2)))).extracting(Quote::symbol).containsExactly("BBB");
    }

    @Test
    void quotesAlreadyInTheSnapshotAreNotSentAgain() {
        session.subscribe(List.of("AAA"), 1, 5);
        assertThat(session.due(tick(5, quote("AAA", 5)))).isEmpty();
        assertThat(session.due(tick(6, quote("AAA", 6)))).extracting(Quote::tickSeq).containsExactly(6L);
    }

    @Test
    void ticksThatArriveTogetherAreMergedIntoEachSymbolsLatestQuote() {
        session.subscribe(List.of("AAA", "BBB"), 1, 0);
        // Updates fell behind by three ticks: BBB traded only in the first of them, AAA in all.
        List<Quote> due = session.due(List.of(tick(1, quote("AAA", 1), quote("BBB", 1)), tick(2, quote("AAA", 2)),
                tick(3, quote("AAA", 3))));
        assertThat(due).extracting(Quote::symbol, Quote::tickSeq).containsExactly(
                tuple("AAA", 3L), tuple("BBB", 1L));
        assertThat(session.due(tick(4))).isEmpty();
    }

    @Test
    void countsTheSymbolsASubscriptionWouldAdd() {
        session.subscribe(List.of("AAA", "BBB"), 1, 0);
        assertThat(session.symbolCountWith(List.of("BBB", "CCC"))).isEqualTo(3);
    }

    private static QuoteBatch tick(long seq, Quote... quotes) {
        return new QuoteBatch(seq, Instant.EPOCH, List.of(quotes));
    }

    private static Quote quote(String symbol, long tickSeq) {
        BigDecimal price = BigDecimal.valueOf(100 + tickSeq);
        return new Quote(symbol, symbol, price, price, price, price, price, price, price, BigDecimal.ZERO,
                BigDecimal.ZERO, 0, tickSeq, tickSeq, Instant.EPOCH);
    }
}
