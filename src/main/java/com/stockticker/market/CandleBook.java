package com.stockticker.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OHLCV bars of every instrument at every configured interval, built from the ticks that the
 * {@link QuoteBook} records. A bar ends at the first tick at or after its end, for every instrument at once:
 * the market's ticks are the clock, so every instance that follows the same ticks closes the same bars.
 */
final class CandleBook {

    private final List<String> intervals;
    private final Map<String, Map<String, Series>> bySymbol = new LinkedHashMap<>();

    CandleBook(Collection<String> symbols, CandleProperties properties) {
        intervals = properties.intervals().stream().map(CandleProperties::name).toList();
        for (String symbol : symbols) {
            Map<String, Series> series = new LinkedHashMap<>();
            properties.intervals().forEach(interval -> series.put(CandleProperties.name(interval),
                    new Series(symbol, CandleProperties.name(interval), interval, properties.history())));
            bySymbol.put(symbol, series);
        }
    }

    List<String> intervals() {
        return intervals;
    }

    /**
     * Takes a tick in: first every bar that ended before it, closed ({@code final}), then the bar each of its
     * quotes traded into, as it stands now. {@code previous} holds each instrument's quote before this tick,
     * whose day volume tells how many shares the tick traded.
     */
    synchronized List<Candle> record(QuoteBatch tick, Map<String, Quote> previous) {
        List<Candle> changed = new ArrayList<>();
        for (Map<String, Series> series : bySymbol.values()) {
            for (Series one : series.values()) {
                Candle closed = one.closeBefore(tick.timestamp());
                if (closed != null) {
                    changed.add(closed);
                }
            }
        }
        for (Quote quote : tick.quotes()) {
            Map<String, Series> series = bySymbol.get(quote.symbol());
            Quote before = previous.get(quote.symbol());
            // Already recorded: an edge that restored a state may be handed the same tick again.
            if (series != null && (before == null || quote.seq() > before.seq())) {
                long traded = traded(before, quote);
                series.values().forEach(one -> changed.add(one.trade(quote, traded)));
            }
        }
        return changed;
    }

    /**
     * The last {@code limit} bars of an instrument at an interval, oldest first: the closed ones, then the one in
     * progress, if the instrument traded in it.
     */
    synchronized CandleHistory candles(String symbol, String interval, int limit) {
        return new CandleHistory(symbol, interval, series(symbol, interval).last(limit));
    }

    /**
     * @throws UnknownSymbolException if no instrument has this symbol
     * @throws UnknownIntervalException if no candle interval has this name
     */
    Series series(String symbol, String interval) {
        Map<String, Series> series = bySymbol.get(symbol);
        if (series == null) {
            throw new UnknownSymbolException(symbol);
        }
        Series one = series.get(interval);
        if (one == null) {
            throw new UnknownIntervalException(interval, intervals);
        }
        return one;
    }

    /** Every series as it stands: for an edge to start from, or to store. */
    synchronized List<CandleHistory> state() {
        List<CandleHistory> all = new ArrayList<>();
        bySymbol.values().forEach(series -> series.values().forEach(one -> all.add(new CandleHistory(one.symbol, one.name,
                one.last(Integer.MAX_VALUE)))));
        return all;
    }

    /**
     * Replaces the series that {@code histories} name with their bars, at the price scale {@code scales} gives per
     * symbol (a database hands decimals back at its own); a series they do not name starts empty, one this book
     * does not have (another configuration's interval) is left out.
     */
    synchronized void restore(List<CandleHistory> histories, Map<String, Integer> scales) {
        bySymbol.values().forEach(series -> series.values().forEach(one -> one.replace(List.of())));
        for (CandleHistory history : histories) {
            Map<String, Series> series = bySymbol.get(history.symbol());
            Series one = series == null ? null : series.get(history.interval());
            Integer scale = scales.get(history.symbol());
            if (one != null && scale != null) {
                one.replace(history.candles().stream().map(candle -> candle.atScale(scale)).toList());
            }
        }
    }

    /** The day's volume counts up; a lower one is a new day's, all of it traded since. */
    private static long traded(Quote before, Quote quote) {
        if (before == null || quote.volume() < before.volume()) {
            return quote.volume();
        }
        return quote.volume() - before.volume();
    }

    /** One instrument's bars at one interval: the closed ones, bounded, and the one in progress. */
    private static final class Series {

        private final String symbol;
        private final String name;
        private final long millis;
        private final int capacity;
        private final Deque<Candle> closed;
        private Candle current;

        Series(String symbol, String name, Duration interval, int capacity) {
            this.symbol = symbol;
            this.name = name;
            this.millis = interval.toMillis();
            this.capacity = capacity;
            this.closed = new ArrayDeque<>(capacity);
        }

        /** Closes the bar in progress if it ended at or before {@code now}. */
        Candle closeBefore(Instant now) {
            if (current == null || current.end().isAfter(now)) {
                return null;
            }
            Candle ended = current.ended();
            if (closed.size() == capacity) {
                closed.removeFirst();
            }
            closed.addLast(ended);
            current = null;
            return ended;
        }

        /**
         * A quote older than the bar in progress (a tick stamped by another core's clock, a little behind this
         * one's) still counts in that bar: bars never go back in time.
         */
        Candle trade(Quote quote, long volume) {
            BigDecimal price = quote.price();
            if (current == null) {
                long start = Math.floorDiv(quote.timestamp().toEpochMilli(), millis) * millis;
                if (!closed.isEmpty()) {
                    start = Math.max(start, closed.getLast().end().toEpochMilli());
                }
                current = new Candle(symbol, name, price, price, price, price, volume, Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(start + millis), false);
            }
            else {
                current = current.trade(price, volume);
            }
            return current;
        }

        /** The bars given, oldest first: the closed ones kept up to the capacity, a last one in progress the current. */
        void replace(List<Candle> bars) {
            closed.clear();
            current = null;
            for (Candle bar : bars) {
                if (bar.closed()) {
                    if (closed.size() == capacity) {
                        closed.removeFirst();
                    }
                    closed.addLast(bar);
                }
                else {
                    current = bar;
                }
            }
        }

        List<Candle> last(int limit) {
            List<Candle> all = new ArrayList<>(closed);
            if (current != null) {
                all.add(current);
            }
            return all.subList(Math.max(0, all.size() - limit), all.size());
        }
    }
}
