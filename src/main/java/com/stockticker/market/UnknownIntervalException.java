package com.stockticker.market;

import java.util.List;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * A client named a candle interval that is not one of the configured ones: refused with
 * {@link ErrorCode#UNKNOWN_INTERVAL}, as any other coded refusal (the REST API answers it with a 404 that names the
 * interval).
 */
public class UnknownIntervalException extends RejectedMessageException {

    private final String interval;

    public UnknownIntervalException(String interval, List<String> known) {
        super(ErrorCode.UNKNOWN_INTERVAL, "Unknown candle interval '" + interval + "'; the intervals are " + String.join(", ", known));
        this.interval = interval;
    }

    public String getInterval() {
        return interval;
    }
}
