package com.stockticker.market;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteBookTest {

    private final MarketSimulator market = MarketSimulatorTest.simulator(
            List.of(MarketSimulatorTest.instrument("AAA", "10.00", 0, 0.3, "0.01"),
                    MarketSimulatorTest.instrument("BBB", "20.00", 0, 0.3, "0.01")), 1.0, 1);
    private final QuoteBook book = new QuoteBook(market.opening(), 5,
            new CandleProperties(List.of(Duration.ofMinutes(1)), 10));

    @Test
    void snapshotHoldsTheLatestQuoteOfEveryInstrumentInOrder() {
        assertThat(book.snapshot().seq()).isZero();
        QuoteBatch tick = market.next();
        book.record(tick);

        assertThat(book.snapshot().seq()).isEqualTo(tick.seq());
        assertThat(book.snapshot().quotes()).extracting(Quote::symbol).containsExactly("AAA", "BBB");
        assertThat(book.quote("BBB")).isEqualTo(tick.quotes().get(1));
    }

    @Test
    void historyIsBoundedAndEndsWithTheLatestQuote() {
        for (int i = 0; i < 12; i++) {
            book.record(market.next());
        }
        QuoteHistory history = book.history("AAA");

        assertThat(history.history()).hasSize(5);
        assertThat(history.history()).extracting(PricePoint::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        assertThat(history.history().get(4).price()).isEqualTo(history.quote().price());
    }

    @Test
    void unknownSymbolsAreRefused() {
        assertThat(book.contains("ZZZ")).isFalse();
        assertThatThrownBy(() -> book.quote("ZZZ")).isInstanceOf(UnknownSymbolException.class).hasMessageContaining("ZZZ");
        assertThatThrownBy(() -> book.history("aaa")).isInstanceOf(UnknownSymbolException.class);
    }
}
