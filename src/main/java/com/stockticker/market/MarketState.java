package com.stockticker.market;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link QuoteBook} knows as of tick {@code seq}: each instrument's latest quote and recent
 * prices. An edge starts its own book from the core's.
 */
public record MarketState(long seq, Instant timestamp, List<QuoteHistory> instruments) {

    public MarketState {
        instruments = List.copyOf(instruments);
    }
}
