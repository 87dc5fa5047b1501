package com.stockticker.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bars built from a seeded market, checked against the ticks that went into them. */
class CandleBookTest {

    private static final Instant OPEN = Instant.parse("2026-01-05T14:30:00.100Z");
    private static final Duration TICK = Duration.ofMillis(250);

    private final MarketSimulator market = MarketSimulatorTest.simulator(
            List.of(MarketSimulatorTest.instrument("AAA", "10.00", 0, 0.3, "0.01"),
                    MarketSimulatorTest.instrument("BBB", "20.00", 0, 0.3, "0.01")), 0.6, 7);
    private final QuoteBook book = new QuoteBook(market.opening(), 5,
            new CandleProperties(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), 100));

    @Test
    void everyClosedBarHoldsExactlyTheTradesOfItsInterval() {
        List<QuoteBatch> ticks = new ArrayList<>();
        List<Candle> updates = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            QuoteBatch tick = stamped(market.next(), OPEN.plus(TICK.multipliedBy(i)));
            ticks.add(tick);
            updates.addAll(book.record(tick));
        }

        List<Candle> closed = updates.stream().filter(Candle::closed).toList();
        assertThat(closed).extracting(Candle::interval).contains("1s", "5s");
        for (Candle bar : closed) {
            assertThat(bar).isEqualTo(expected(ticks, bar.symbol(), bar.interval(), bar.start(), bar.end()));
        }
        // Each bar closes once, in order, and the last update of a bar before it closed was the bar as it closed.
        for (String symbol : List.of("AAA", "BBB")) {
            for (String interval : List.of("1s", "5s")) {
                List<Candle> series = closed.stream().filter(bar -> bar.symbol().equals(symbol) && bar.interval().equals(interval)).toList();
                assertThat(series).extracting(Candle::start).isSorted().doesNotHaveDuplicates();
                Map<Instant, Candle> lastInProgress = new LinkedHashMap<>();
                updates.stream().filter(bar -> !bar.closed() && bar.symbol().equals(symbol) && bar.interval().equals(interval))
                        .forEach(bar -> lastInProgress.put(bar.start(), bar));
                series.forEach(bar -> assertThat(lastInProgress.get(bar.start()).ended()).isEqualTo(bar));
            }
        }
    }

    @Test
    void aSnapshotHoldsTheClosedBarsThenTheOneInProgress() {
        List<Candle> updates = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            updates.addAll(book.record(stamped(market.next(), OPEN.plus(TICK.multipliedBy(i)))));
        }
        List<Candle> bars = book.candles("AAA", "1s", Integer.MAX_VALUE).candles();
        List<Candle> closed = updates.stream().filter(bar -> bar.closed() && bar.symbol().equals("AAA") && bar.interval().equals("1s")).toList();
        assertThat(bars.subList(0, closed.size())).isEqualTo(closed);
        assertThat(bars.subList(closed.size(), bars.size())).allMatch(bar -> !bar.closed()).hasSizeLessThanOrEqualTo(1);
        assertThat(book.candles("AAA", "1s", 2).candles()).isEqualTo(bars.subList(bars.size() - 2, bars.size()));
    }

    @Test
    void keepsTheConfiguredNumberOfClosedBars() {
        QuoteBook small = new QuoteBook(market.opening(), 5, new CandleProperties(List.of(Duration.ofSeconds(1)), 3));
        for (int i = 1; i <= 100; i++) {
            small.record(stamped(market.next(), OPEN.plus(TICK.multipliedBy(i))));
        }
        List<Candle> bars = small.candles("AAA", "1s", Integer.MAX_VALUE).candles();
        assertThat(bars.stream().filter(Candle::closed)).hasSize(3);
    }

    @Test
    void aTickRecordedTwiceCountsOnce() {
        QuoteBatch first = stamped(market.next(), OPEN.plus(TICK));
        while (first.quotes().isEmpty()) {
            first = stamped(market.next(), OPEN.plus(TICK));
        }
        book.record(first);
        CandleHistory once = book.candles(first.quotes().get(0).symbol(), "5s", 10);

        assertThat(book.record(first)).isEmpty();
        assertThat(book.candles(first.quotes().get(0).symbol(), "5s", 10)).isEqualTo(once);
    }

    @Test
    void aLowerDayVolumeIsANewDaysWhole() {
        Quote opening = market.opening().quotes().get(0);
        QuoteBook one = new QuoteBook(new QuoteBatch(0, OPEN, List.of(withVolume(opening, 5_000, 0, OPEN))), 5,
                new CandleProperties(List.of(Duration.ofMinutes(1)), 10));
        one.record(new QuoteBatch(1, OPEN.plusSeconds(1), List.of(withVolume(opening, 5_300, 1, OPEN.plusSeconds(1)))));
        one.record(new QuoteBatch(2, OPEN.plusSeconds(2), List.of(withVolume(opening, 200, 2, OPEN.plusSeconds(2)))));

        assertThat(one.candles(opening.symbol(), "1m", 1).candles().get(0).volume()).isEqualTo(300 + 200);
    }

    @Test
    void anotherBookRestoredFromThisOnesStateHasItsCandlesAndGoesOnAlike() {
        QuoteBook follower = new QuoteBook(market.opening(), 5,
                new CandleProperties(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), 100));
        for (int i = 1; i <= 30; i++) {
            book.record(stamped(market.next(), OPEN.plus(TICK.multipliedBy(i))));
        }
        follower.restore(book.state(), "market");
        assertThat(follower.state().candles()).isEqualTo(book.state().candles());

        QuoteBatch next = stamped(market.next(), OPEN.plus(TICK.multipliedBy(31)));
        assertThat(follower.record(next)).isEqualTo(book.record(next));
    }

    @Test
    void storedCandlesComeBackAtTheInstrumentsPriceScale() {
        for (int i = 1; i <= 10; i++) {
            book.record(stamped(market.next(), OPEN.plus(TICK.multipliedBy(i))));
        }
        List<CandleHistory> asADatabaseReturnsThem = book.state().candles().stream().map(history -> new CandleHistory(history.symbol(),
                history.interval(), history.candles().stream().map(bar -> bar.atScale(8)).toList())).toList();
        List<CandleHistory> before = book.state().candles();

        book.restoreCandles(asADatabaseReturnsThem);

        assertThat(book.state().candles()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownSymbolOrInterval() {
        assertThatThrownBy(() -> book.candles("ZZZ", "1s", 10)).isInstanceOf(UnknownSymbolException.class);
        assertThatThrownBy(() -> book.candles("AAA", "7s", 10)).isInstanceOf(UnknownIntervalException.class)
                .hasMessageContaining("'7s'").hasMessageContaining("1s, 5s");
    }

    /** What a bar of {@code symbol} over [start, end) must be, from the ticks alone. */
    private Candle expected(List<QuoteBatch> ticks, String symbol, String interval, Instant start, Instant end) {
        long volumeBefore = market.opening().quotes().stream().filter(quote -> quote.symbol().equals(symbol)).findFirst()
                .orElseThrow().volume();
        List<Quote> trades = new ArrayList<>();
        for (QuoteBatch tick : ticks) {
            for (Quote quote : tick.quotes()) {
                if (quote.symbol().equals(symbol)) {
                    if (quote.timestamp().isBefore(start)) {
                        volumeBefore = quote.volume();
                    }
                    else if (quote.timestamp().isBefore(end)) {
                        trades.add(quote);
                    }
                }
            }
        }
        assertThat(trades).as("trades of %s in [%s, %s)", symbol, start, end).isNotEmpty();
        BigDecimal high = trades.stream().map(Quote::price).reduce(BigDecimal::max).orElseThrow();
        BigDecimal low = trades.stream().map(Quote::price).reduce(BigDecimal::min).orElseThrow();
        return new Candle(symbol, interval, trades.get(0).price(), high, low, trades.get(trades.size() - 1).price(),
                trades.get(trades.size() - 1).volume() - volumeBefore, start, end, true);
    }

    /** The tick as if it had happened at {@code at}: the simulator's clock stands still. */
    private static QuoteBatch stamped(QuoteBatch tick, Instant at) {
        return new QuoteBatch(tick.seq(), at, tick.quotes().stream().map(quote -> withVolume(quote, quote.volume(), quote.seq(), at)).toList());
    }

    private static Quote withVolume(Quote quote, long volume, long seq, Instant at) {
        return new Quote(quote.symbol(), quote.name(), quote.price(), quote.bid(), quote.ask(), quote.open(), quote.high(),
                quote.low(), quote.previousClose(), quote.change(), quote.changePercent(), volume, seq, quote.tickSeq(), at);
    }
}
