package com.stockticker.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The price process of one instrument. The model keeps the unrounded log price, so that rounding to the
 * tick grid never feeds back into the random walk, and quotes the rounded price.
 */
final class InstrumentModel {

    /** The opening gap is drawn as if a quarter of a trading day had passed overnight. */
    private static final double OVERNIGHT_YEARS = 0.25 / 252;
    private static final BigDecimal BASIS_POINTS_PER_HALF_SPREAD = BigDecimal.valueOf(20_000);
    private static final long LOT = 100;

    private final Instrument instrument;
    private final BigDecimal tickSize;
    private final BigDecimal spreadBps;
    private final BigDecimal previousClose;
    private final double minLogPrice;
    private double logPrice;
    private long lastTradeTick;
    private long seq;
    private long volume;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private Quote quote;

    InstrumentModel(Instrument instrument, double spreadBps, RandomGenerator random, Instant now) {
        this.instrument = instrument;
        this.tickSize = instrument.tickSize();
        this.spreadBps = BigDecimal.valueOf(spreadBps);
        this.previousClose = instrument.startPrice().setScale(tickSize.scale(), RoundingMode.UNNECESSARY);
        this.minLogPrice = Math.log(tickSize.doubleValue());
        this.logPrice = Math.log(instrument.startPrice().doubleValue());
        step(OVERNIGHT_YEARS, random);
        BigDecimal price = onTickGrid(Math.exp(logPrice));
        this.open = price;
        this.high = price;
        this.low = price;
        this.quote = quote(price, 0, now);
    }

    /**
     * An instrument that continues from a stored quote after a restart at tick {@code startTick}: its price, day
     * range and volume go on from there. Its own {@code seq} moves ahead by the ticks that may have gone unstored
     * ({@code startTick - stored.tickSeq()}), so that it too stays above every number published before.
     */
    InstrumentModel(Instrument instrument, double spreadBps, Quote stored, long startTick, Instant now) {
        this.instrument = instrument;
        this.tickSize = instrument.tickSize();
        this.spreadBps = BigDecimal.valueOf(spreadBps);
        this.previousClose = instrument.startPrice().setScale(tickSize.scale(), RoundingMode.UNNECESSARY);
        this.minLogPrice = Math.log(tickSize.doubleValue());
        BigDecimal price = onTickScale(stored.price());
        this.logPrice = Math.log(price.doubleValue());
        this.lastTradeTick = startTick;
        this.seq = stored.seq() + Math.max(0, startTick - stored.tickSeq());
        this.volume = stored.volume();
        this.open = onTickScale(stored.open());
        this.high = onTickScale(stored.high());
        this.low = onTickScale(stored.low());
        this.quote = quote(price, startTick, now);
    }

    Quote quote() {
        return quote;
    }

    /** The instrument trades in tick {@code tickSeq}: its price moves by the time passed since its last trade. */
    Quote trade(long tickSeq, double yearsPerTick, RandomGenerator random, Instant now) {
        step((tickSeq - lastTradeTick) * yearsPerTick, random);
        lastTradeTick = tickSeq;
        BigDecimal price = onTickGrid(Math.exp(logPrice));
        high = high.max(price);
        low = low.min(price);
        seq++;
        volume += LOT * (1 + (long) (-Math.log(1 - random.nextDouble()) * 10));
        quote = quote(price, tickSeq, now);
        return quote;
    }

    private void step(double years, RandomGenerator random) {
        double sigma = instrument.volatility();
        double mu = instrument.drift();
        logPrice += (mu - sigma * sigma / 2) * years + sigma * Math.sqrt(years) * random.nextGaussian();
        // A price cannot fall through the smallest tick; holding the walk there keeps it from drifting to -inf.
        logPrice = Math.max(logPrice, minLogPrice);
    }

    private Quote quote(BigDecimal price, long tickSeq, Instant now) {
        BigDecimal halfSpread = tickSize.max(roundUpToTick(price.multiply(spreadBps).divide(BASIS_POINTS_PER_HALF_SPREAD)));
        BigDecimal bid = tickSize.max(price.subtract(halfSpread));
        BigDecimal ask = price.add(halfSpread);
        BigDecimal change = price.subtract(previousClose);
        BigDecimal changePercent = change.multiply(BigDecimal.valueOf(100)).divide(previousClose, 2, RoundingMode.HALF_EVEN);
        return new Quote(instrument.symbol(), instrument.name(), price, bid, ask, open, high, low, previousClose,
                change, changePercent, volume, seq, tickSeq, now);
    }

    private BigDecimal onTickGrid(double value) {
        BigDecimal ticks = BigDecimal.valueOf(value).divide(tickSize, 0, RoundingMode.HALF_EVEN);
        return tickSize.multiply(ticks.max(BigDecimal.ONE));
    }

    /** A stored price as the model writes it, with the tick size's decimal places (the column has more). */
    private BigDecimal onTickScale(BigDecimal value) {
        return value.setScale(tickSize.scale(), RoundingMode.HALF_EVEN);
    }

    private BigDecimal roundUpToTick(BigDecimal value) {
        return tickSize.multiply(value.divide(tickSize, 0, RoundingMode.CEILING));
    }
}
