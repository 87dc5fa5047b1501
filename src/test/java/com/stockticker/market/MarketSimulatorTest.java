package com.stockticker.market;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarketSimulatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final double TIME_SCALE = 60;

    private static final Instrument CALM = instrument("CALM", "120.00", 0.0, 0.20, "0.01");
    private static final Instrument WILD = instrument("WILD", "45.00", 0.0, 0.80, "0.01");
    private static final Instrument COARSE = instrument("COARSE", "500.0", 0.0, 0.30, "0.5");

    @Test
    void logReturnsHaveTheConfiguredVolatility() {
        MarketSimulator market = simulator(List.of(CALM, WILD), 0.6, 7);
        Map<String, Returns> returns = Map.of("CALM", new Returns(), "WILD", new Returns());
        Map<String, Quote> previous = new HashMap<>();
        market.opening().quotes().forEach(quote -> previous.put(quote.symbol(), quote));

        for (int i = 0; i < 40_000; i++) {
            for (Quote quote : market.next().quotes()) {
                Quote before = previous.put(quote.symbol(), quote);
                returns.get(quote.symbol()).add(before, quote);
            }
        }

        // Each sample covers the ticks since the instrument last traded; the estimate normalises by that time.
        assertThat(returns.get("CALM").annualVolatility()).isCloseTo(0.20, within(0.20 * 0.05));
        assertThat(returns.get("WILD").annualVolatility()).isCloseTo(0.80, within(0.80 * 0.05));
        assertThat(returns.get("CALM").count).isCloseTo(24_000, within(600));
    }

    @Test
    void pricesStayOnTheTickGridAndWithinTheSessionRange() {
        MarketSimulator market = simulator(List.of(CALM, WILD, COARSE), 0.6, 11);
        for (int i = 0; i < 20_000; i++) {
            for (Quote quote : market.next().quotes()) {
                BigDecimal tick = quote.symbol().equals("COARSE") ? new BigDecimal("0.5") : new BigDecimal("0.01");
                assertThat(quote.price().remainder(tick)).isZero();
                assertThat(quote.bid().remainder(tick)).isZero();
                assertThat(quote.ask().remainder(tick)).isZero();
                assertThat(quote.price()).isPositive();
                assertThat(quote.bid()).isPositive().isLessThanOrEqualTo(quote.price());
                assertThat(quote.ask()).isGreaterThan(quote.price());
                assertThat(quote.high()).isGreaterThanOrEqualTo(quote.price());
                assertThat(quote.low()).isLessThanOrEqualTo(quote.price());
                assertThat(quote.change()).isEqualByComparingTo(quote.price().subtract(quote.previousClose()));
            }
        }
    }

    @Test
    void pricesNeverReachZero() {
        Instrument penny = instrument("PENNY", "0.05", -1.0, 5.0, "0.01");
        MarketSimulator market = simulator(List.of(penny), 1.0, 3);
        BigDecimal lowest = BigDecimal.TEN;
        for (int i = 0; i < 20_000; i++) {
            lowest = lowest.min(market.next().quotes().get(0).price());
        }
        assertThat(lowest).isEqualByComparingTo("0.01");
    }

    @Test
    void sequenceNumbersStrictlyIncrease() {
        MarketSimulator market = simulator(List.of(CALM, WILD), 0.5, 5);
        long lastTick = market.opening().seq();
        Map<String, Long> lastSeq = new HashMap<>(Map.of("CALM", 0L, "WILD", 0L));
        long lastVolume = 0;
        for (int i = 0; i < 5_000; i++) {
            QuoteBatch tick = market.next();
            assertThat(tick.seq()).isEqualTo(lastTick + 1);
            lastTick = tick.seq();
            for (Quote quote : tick.quotes()) {
                assertThat(quote.tickSeq()).isEqualTo(tick.seq());
                assertThat(quote.seq()).isEqualTo(lastSeq.get(quote.symbol()) + 1);
                lastSeq.put(quote.symbol(), quote.seq());
                if (quote.symbol().equals("CALM")) {
                    assertThat(quote.volume()).isGreaterThan(lastVolume);
                    lastVolume = quote.volume();
                }
            }
        }
    }

    @Test
    void notEveryInstrumentTradesInEveryTick() {
        MarketSimulator market = simulator(List.of(CALM, WILD, COARSE), 0.6, 9);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            sizes.add(market.next().quotes().size());
        }
        assertThat(sizes).contains(0, 1, 2, 3);
        assertThat(sizes.stream().mapToInt(Integer::intValue).average().orElseThrow()).isCloseTo(1.8, within(0.1));
    }

    @Test
    void theSameSeedReplaysTheSameMarket() {
        List<QuoteBatch> first = ticks(simulator(List.of(CALM, WILD, COARSE), 0.6, 1234), 500);
        List<QuoteBatch> again = ticks(simulator(List.of(CALM, WILD, COARSE), 0.6, 1234), 500);
        List<QuoteBatch> other = ticks(simulator(List.of(CALM, WILD, COARSE), 0.6, 4321), 500);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void openingQuotesStartFromThePreviousClose() {
        QuoteBatch opening = simulator(List.of(CALM), 0.6, 1).opening();
        Quote quote = opening.quotes().get(0);
        assertThat(opening.seq()).isZero();
        assertThat(quote.previousClose()).isEqualTo(new BigDecimal("120.00"));
        assertThat(quote.open()).isEqualTo(quote.price()).isEqualTo(quote.high()).isEqualTo(quote.low());
        // The opening gap is one overnight move: about 0.6 % for 20 % annual volatility.
        assertThat(quote.price().doubleValue()).isCloseTo(120.0, within(120.0 * 0.05));
        assertThat(quote.timestamp()).isEqualTo(CLOCK.instant());
    }

    private static List<QuoteBatch> ticks(MarketSimulator market, int count) {
        List<QuoteBatch> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(market.next());
        }
        return ticks;
    }

    static MarketSimulator simulator(List<Instrument> instruments, double moveProbability, long seed) {
        MarketProperties properties = new MarketProperties(seed, TICK, moveProbability, TIME_SCALE, 2, 100, instruments);
        return new MarketSimulator(properties, seed, CLOCK);
    }

    static Instrument instrument(String symbol, String price, double drift, double volatility, String tickSize) {
        return new Instrument(symbol, symbol + " Corp.", new BigDecimal(price), drift, volatility, new BigDecimal(tickSize));
    }

    /** Squared log returns against the market time they took. */
    private static final class Returns {

        private final double yearsPerTick = TICK.toMillis() / 1000.0 * TIME_SCALE / MarketSimulator.TRADING_SECONDS_PER_YEAR;
        private double sumOfSquares;
        private double years;
        private int count;

        void add(Quote before, Quote after) {
            double logReturn = Math.log(after.price().doubleValue() / before.price().doubleValue());
            sumOfSquares += logReturn * logReturn;
            years += (after.tickSeq() - before.tickSeq()) * yearsPerTick;
            count++;
        }

        double annualVolatility() {
            return Math.sqrt(sumOfSquares / years);
        }
    }
}
