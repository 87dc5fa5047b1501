package com.stockticker.market;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The state of one instrument after a tick in which it traded. Prices are on the instrument's tick grid.
 *
 * @param seq per-instrument sequence number: +1 each time this instrument trades
 * @param tickSeq the global sequence number of the tick that produced this quote (the batch {@code seq})
 * @param timestamp when that tick happened
 */
public record Quote(
        String symbol,
        String name,
        BigDecimal price,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal previousClose,
        BigDecimal change,
        BigDecimal changePercent,
        long volume,
        long seq,
        long tickSeq,
        Instant timestamp) {
}
