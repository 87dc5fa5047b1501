package com.stockticker.market;

import java.time.Clock;

/**
 * A real {@link QuoteBook} at the seeded market's opening, for tests of other modules that need one without the
 * market module's beans ({@link MarketSimulator} is the module's own).
 */
public final class OpeningBooks {

    private OpeningBooks() {
    }

    public static QuoteBook of(MarketProperties market, CandleProperties candles, Clock clock) {
        long seed = market.seed() != null ? market.seed() : 42L;
        return new QuoteBook(new MarketSimulator(market, seed, clock).opening(), market.historySize(), candles);
    }
}
