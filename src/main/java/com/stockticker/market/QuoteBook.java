package com.stockticker.market;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest quote of every instrument, a bounded history of its prices, and its candles. One thread records
 * ticks; any thread reads. Readers get immutable values: the snapshot is swapped whole, so it is always the
 * state after one complete tick. Whatever changes the book as a whole, and {@link #state()}, holds its lock, so
 * that a state's quotes and candles are of the same tick.
 */
public class QuoteBook {

    private final Map<String, History> histories;
    private final CandleBook candles;
    private volatile Snapshot snapshot;
    /** Whether the book has recorded or restored anything since it opened with the seed's market. */
    private volatile boolean fed;
    private volatile String market;

    public QuoteBook(QuoteBatch opening, int historySize, CandleProperties candles) {
        Map<String, History> byInstrument = new LinkedHashMap<>();
        for (Quote quote : opening.quotes()) {
            byInstrument.put(quote.symbol(), new History(quote, historySize));
        }
        this.histories = Map.copyOf(byInstrument);
        this.candles = new CandleBook(byInstrument.keySet(), candles);
        this.snapshot = Snapshot.of(opening);
    }

    /**
     * Records the quotes of a tick. Called by the one thread that drives the market.
     *
     * @return the candles the tick changed: the bars it closed, then the bars it traded into (see {@link CandleUpdate})
     */
    public synchronized List<Candle> record(QuoteBatch tick) {
        Map<String, Quote> latest = new LinkedHashMap<>(snapshot.bySymbol());
        List<Candle> changed = candles.record(tick, snapshot.bySymbol());
        for (Quote quote : tick.quotes()) {
            latest.put(quote.symbol(), quote);
            histories.get(quote.symbol()).add(quote);
        }
        snapshot = Snapshot.of(new QuoteBatch(tick.seq(), tick.timestamp(), new ArrayList<>(latest.values())));
        fed = true;
        return changed;
    }

    /**
     * Goes on from the opening of a market that the active core continued from the database: every
     * instrument's latest quote becomes the opening's. A book that has shown nothing but the seed's opening
     * starts its history there; one that followed another core keeps the recent prices it has.
     *
     * @param market the market's name, see {@link #market()}
     */
    public synchronized void continueFrom(QuoteBatch opening, String market) {
        this.market = market;
        Map<String, Quote> latest = new LinkedHashMap<>(snapshot.bySymbol());
        for (Quote quote : opening.quotes()) {
            History history = histories.get(quote.symbol());
            if (history != null) {
                history.continueFrom(quote, !fed);
                latest.put(quote.symbol(), quote);
            }
        }
        snapshot = Snapshot.of(new QuoteBatch(opening.seq(), opening.timestamp(), new ArrayList<>(latest.values())));
        fed = true;
    }

    /**
     * Everything the book knows, for an edge to start from: the latest quote and recent prices of every
     * instrument. Read while the market ticks, an instrument's history may already hold the next tick; taking
     * that tick in again changes nothing (see {@link #record}).
     */
    public synchronized MarketState state() {
        QuoteBatch all = snapshot();
        return new MarketState(all.seq(), all.timestamp(),
                histories.values().stream().map(History::read).toList(), candles.state());
    }

    /**
     * Replaces everything the book knows with another book's {@link #state()}; instruments it lacks stay as they are.
     *
     * @param market the name of the market that book holds, see {@link #market()}
     */
    public synchronized void restore(MarketState state, String market) {
        this.market = market;
        Map<String, Quote> latest = new LinkedHashMap<>(snapshot.bySymbol());
        for (QuoteHistory instrument : state.instruments()) {
            History history = histories.get(instrument.symbol());
            if (history != null) {
                history.replace(instrument);
                latest.put(instrument.symbol(), instrument.quote());
            }
        }
        snapshot = Snapshot.of(new QuoteBatch(state.seq(), state.timestamp(), new ArrayList<>(latest.values())));
        candles.restore(state.candles(), scales());
        fed = true;
    }

    /** Replaces every candle with those the active core continued its market with (see {@code MarketStore}). */
    public synchronized void restoreCandles(List<CandleHistory> stored) {
        candles.restore(stored, scales());
    }

    /** Each instrument's number of price decimals, its tick size's. */
    private Map<String, Integer> scales() {
        Map<String, Integer> scales = new LinkedHashMap<>();
        snapshot.bySymbol().forEach((symbol, quote) -> scales.put(symbol, quote.price().scale()));
        return scales;
    }

    /**
     * The name of the market the book holds: the same for as long as the market continues (restarts and takeovers
     * included), a new one when a core starts a market on an empty database. {@code null} before the book was
     * continued or restored, while it shows the seed's opening.
     */
    public String market() {
        return market;
    }

    /** Every instrument's latest quote, in configuration order, as of the last recorded tick. */
    public QuoteBatch snapshot() {
        return snapshot.all();
    }

    /**
     * The last {@code limit} bars of an instrument at a candle interval, oldest first, the one in progress last.
     *
     * @throws UnknownSymbolException if no instrument has this symbol
     * @throws UnknownIntervalException if no candle interval has this name
     */
    public CandleHistory candles(String symbol, String interval, int limit) {
        return candles.candles(symbol, interval, limit);
    }

    /**
     * Whether an instrument has bars at a candle interval.
     *
     * @throws UnknownSymbolException if no instrument has this symbol
     * @throws UnknownIntervalException if no candle interval has this name
     */
    public void requireCandles(String symbol, String interval) {
        candles.series(symbol, interval);
    }

    /** The names of the candle intervals, in configuration order. */
    public List<String> candleIntervals() {
        return candles.intervals();
    }

    public boolean contains(String symbol) {
        return histories.containsKey(symbol);
    }

    /** @throws UnknownSymbolException if no instrument has this symbol */
    public Quote quote(String symbol) {
        Quote quote = snapshot.bySymbol().get(symbol);
        if (quote == null) {
            throw new UnknownSymbolException(symbol);
        }
        return quote;
    }

    /** @throws UnknownSymbolException if no instrument has this symbol */
    public QuoteHistory history(String symbol) {
        History history = histories.get(symbol);
        if (history == null) {
            throw new UnknownSymbolException(symbol);
        }
        return history.read();
    }

    private record Snapshot(QuoteBatch all, Map<String, Quote> bySymbol) {

        static Snapshot of(QuoteBatch all) {
            Map<String, Quote> bySymbol = new LinkedHashMap<>();
            all.quotes().forEach(quote -> bySymbol.put(quote.symbol(), quote));
            return new Snapshot(all, bySymbol);
        }
    }

    /** One instrument's ring buffer of recent prices, kept together with its latest quote. */
    private static final class History {

        private final int capacity;
        private final Deque<PricePoint> points;
        private Quote latest;

        History(Quote opening, int capacity) {
            this.capacity = capacity;
            this.points = new ArrayDeque<>(capacity);
            add(opening);
        }

        synchronized void add(Quote quote) {
            if (latest != null && quote.seq() <= latest.seq()) {
                // Already recorded: an edge that restored a state may be handed the same tick again.
                return;
            }
            if (points.size() == capacity) {
                points.removeFirst();
            }
            points.addLast(PricePoint.of(quote));
            latest = quote;
        }

        /** Whatever sequence number the quote has: a continued market's may lie below what a replaced core published. */
        synchronized void continueFrom(Quote quote, boolean alone) {
            if (alone) {
                points.clear();
            }
            else if (points.size() == capacity) {
                points.removeFirst();
            }
            points.addLast(PricePoint.of(quote));
            latest = quote;
        }

        synchronized QuoteHistory read() {
            return new QuoteHistory(latest.symbol(), latest, List.copyOf(points));
        }

        synchronized void replace(QuoteHistory other) {
            points.clear();
            other.history().stream().skip(Math.max(0, other.history().size() - capacity)).forEach(points::addLast);
            latest = other.quote();
        }
    }
}
