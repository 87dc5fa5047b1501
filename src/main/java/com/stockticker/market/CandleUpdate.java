package com.stockticker.market;

import java.util.List;

/**
 * The candles that tick {@code seq} changed, published as an application event right after the tick: every bar
 * it closed ({@code final}), then every bar it traded into, as it stands.
 */
public record CandleUpdate(long seq, List<Candle> candles) {

    public CandleUpdate {
        candles = List.copyOf(candles);
    }
}
