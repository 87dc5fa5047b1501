package com.stockticker.market;

import java.time.Instant;
import java.util.List;

/**
 * Quotes that belong to one moment of the market. As a tick: the quotes that changed in tick {@code seq}.
 * As a snapshot: the latest quote of every instrument as of tick {@code seq}. Published as an application
 * event after every tick.
 */
public record QuoteBatch(long seq, Instant timestamp, List<Quote> quotes) {

    public QuoteBatch {
        quotes = List.copyOf(quotes);
    }
}
