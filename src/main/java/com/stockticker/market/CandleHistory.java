package com.stockticker.market;

import java.util.List;

/** An instrument's recent bars at one interval, oldest first; the last one may still be in progress. */
public record CandleHistory(String symbol, String interval, List<Candle> candles) {

    public CandleHistory {
        candles = List.copyOf(candles);
    }
}
