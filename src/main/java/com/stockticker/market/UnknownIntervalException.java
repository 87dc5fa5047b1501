package com.stockticker.market;

import java.util.List;

/** A client named a candle interval that is not one of the configured ones. */
public class UnknownIntervalException extends RuntimeException {

    private final String interval;

    public UnknownIntervalException(String interval, List<String> known) {
        super("Unknown candle interval '" + interval + "'; the intervals are " + String.join(", ", known));
        this.interval = interval;
    }

    public String getInterval() {
        return interval;
    }
}
