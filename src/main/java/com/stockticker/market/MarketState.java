package com.stockticker.market;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link QuoteBook} knows as of tick {@code seq}: each instrument's latest quote and recent
 * prices, and its candles at every interval. An edge starts its own book from the core's.
 */
public record MarketState(long seq, Instant timestamp, List<QuoteHistory> instruments, List<CandleHistory> candles) {

    public MarketState {
        instruments = List.copyOf(instruments);
        candles = List.copyOf(candles);
    }
}
