package com.stockticker.market;

import java.util.List;

/** The latest quote of an instrument and its recent prices, oldest first, ending with the latest. */
public record QuoteHistory(String symbol, Quote quote, List<PricePoint> history) {

    public QuoteHistory {
        history = List.copyOf(history);
    }
}
