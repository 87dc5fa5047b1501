package com.stockticker.feed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A batch of {@code /topic/prices} in the lean format ({@code format:lean}, made by {@link LeanPrices}): the tick's
 * {@code seq}, its time and, for each quote that changed, only what changed ({@link LeanQuote}).
 *
 * @param timestamp the batch's {@code timestamp}, in milliseconds since 1970 (UTC)
 */
public record LeanBatch(long seq, @JsonProperty("t") long timestamp, @JsonProperty("q") List<LeanQuote> quotes) {
}
