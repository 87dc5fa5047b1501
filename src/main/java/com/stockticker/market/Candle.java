package com.stockticker.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One OHLCV bar: what an instrument traded at from {@code start} (inclusive) to {@code end} (exclusive), on
 * wall-clock boundaries of its interval. A bar exists only for an interval in which the instrument traded.
 *
 * @param interval the interval's name, as in the destination ({@code 1s}, {@code 5s}, {@code 1m}, ...)
 * @param open the first price of the bar, {@code close} the last
 * @param volume shares traded within the bar
 * @param closed {@code final} on the wire: the bar has ended and will not change again (Binance's {@code x})
 */
public record Candle(
        String symbol,
        String interval,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        long volume,
        Instant start,
        Instant end,
        @JsonProperty("final") boolean closed) {

    /** The bar as it stands after another trade at {@code price} with {@code volume} shares. */
    Candle trade(BigDecimal price, long volume) {
        return new Candle(symbol, interval, open, high.max(price), low.min(price), price, this.volume + volume, start, end,
                false);
    }

    /** The same bar with its prices at {@code scale} decimals; they lie on the tick grid, so none is rounded. */
    Candle atScale(int scale) {
        return new Candle(symbol, interval, open.setScale(scale, RoundingMode.HALF_EVEN), high.setScale(scale, RoundingMode.HALF_EVEN),
                low.setScale(scale, RoundingMode.HALF_EVEN), close.setScale(scale, RoundingMode.HALF_EVEN), volume, start, end, closed);
    }

    /** The same bar, ended. */
    Candle ended() {
        return new Candle(symbol, interval, open, high, low, close, volume, start, end, true);
    }
}
