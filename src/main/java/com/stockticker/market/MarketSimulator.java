package com.stockticker.market;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Produces the market's ticks: every instrument's price follows geometric Brownian motion, and in each
 * tick each instrument trades with {@link MarketProperties#moveProbability()}. The seed fixes every
 * random draw, so the same seed and settings give the same prices, whatever the wall clock does; only
 * timestamps come from the clock.
 *
 * <p>Not thread-safe: one thread calls {@link #next()}; {@link QuoteBook} is what others read.
 */
class MarketSimulator {

    /** 252 trading days of 6.5 hours: the year that annual drift and volatility are quoted over. */
    static final double TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600;

    private final MarketProperties properties;
    private final long seed;
    private final RandomGenerator random;
    private final Clock clock;
    private final double moveProbability;
    private final double yearsPerTick;
    private final List<InstrumentModel> models;
    private final QuoteBatch opening;
    private long tickSeq;

    public MarketSimulator(MarketProperties properties, long seed, Clock clock) {
        this(properties, seed, clock, Map.of(), 0);
    }

    /**
     * A market that continues after a restart: instruments with a {@code stored} quote go on from it, and the
     * first tick is {@code startTick + 1}. With nothing stored and {@code startTick} 0, the market of the seed.
     */
    public MarketSimulator(MarketProperties properties, long seed, Clock clock, Map<String, Quote> stored, long startTick) {
        // A restarted market draws afresh: replaying the seed's first ticks again would repeat old prices.
        this.properties = properties;
        this.seed = seed;
        this.random = new SplittableRandom(startTick == 0 ? seed : seed ^ startTick * 0x9E3779B97F4A7C15L);
        this.clock = clock;
        this.moveProbability = properties.moveProbability();
        this.yearsPerTick = properties.tickInterval().toNanos() / 1e9 * properties.timeScale() / TRADING_SECONDS_PER_YEAR;
        Instant now = now();
        List<Quote> openingQuotes = new ArrayList<>();
        List<InstrumentModel> instrumentModels = new ArrayList<>();
        for (Instrument instrument : properties.instruments()) {
            Quote continued = stored.get(instrument.symbol());
            InstrumentModel model = continued != null
                    ? new InstrumentModel(instrument, properties.spreadBps(), continued, startTick, now)
                    : new InstrumentModel(instrument, properties.spreadBps(), random, now);
            instrumentModels.add(model);
            openingQuotes.add(model.quote());
        }
        this.models = List.copyOf(instrumentModels);
        this.opening = new QuoteBatch(startTick, now, openingQuotes);
        this.tickSeq = startTick;
    }

    /**
     * The same market (instruments, settings, seed) continued from {@code stored} after tick {@code startTick}; with
     * nothing stored and {@code startTick} 0, the seed's market from its start.
     */
    public MarketSimulator continueFrom(Map<String, Quote> stored, long startTick) {
        return new MarketSimulator(properties, seed, clock, stored, startTick);
    }

    /** The sequence number that the next tick will have. */
    public long nextSeq() {
        return tickSeq + 1;
    }

    /** The opening quote of every instrument, as tick 0 (or the tick a restart starts after): what snapshots show before the first tick. */
    public QuoteBatch opening() {
        return opening;
    }

    /** Advances the market by one tick and returns the quotes of the instruments that traded in it. */
    public QuoteBatch next() {
        tickSeq++;
        Instant now = now();
        List<Quote> changed = new ArrayList<>();
        for (InstrumentModel model : models) {
            if (random.nextDouble() < moveProbability) {
                changed.add(model.trade(tickSeq, yearsPerTick, random, now));
            }
        }
        return new QuoteBatch(tickSeq, now, changed);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
