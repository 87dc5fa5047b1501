package com.stockticker.market;

import java.math.BigDecimal;
import java.time.Instant;

/** One point of an instrument's recent price history, enough to draw a chart. */
public record PricePoint(long seq, Instant timestamp, BigDecimal price) {

    static PricePoint of(Quote quote) {
        return new PricePoint(quote.seq(), quote.timestamp(), quote.price());
    }
}
