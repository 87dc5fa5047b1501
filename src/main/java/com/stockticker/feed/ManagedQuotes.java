package com.stockticker.feed;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.stockticker.market.Quote;

/**
 * A message of a session's managed-subscription stream on {@code /user/queue/quotes}: first a snapshot of
 * the symbols just subscribed, then updates with the latest quote of each symbol that changed and is due.
 *
 * @param seq the tick as of which the message was made: a snapshot's quotes are the latest as of this
 *     tick, an update is sent on this tick
 */
public record ManagedQuotes(Type type, long seq, Instant timestamp, List<Quote> quotes) {

    public ManagedQuotes {
        quotes = List.copyOf(quotes);
    }

    public enum Type {
        @JsonProperty("snapshot") SNAPSHOT,
        @JsonProperty("update") UPDATE
    }
}
