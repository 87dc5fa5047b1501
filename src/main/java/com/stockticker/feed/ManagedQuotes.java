package com.stockticker.feed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.stockticker.market.Quote;

/**
 * A message of a session's managed-subscription stream on {@code /user/queue/quotes}: first a snapshot of
 * the symbols just subscribed, then updates with the latest quote of each symbol that changed and is due.
 */
public record ManagedQuotes(Type type, List<Quote> quotes) {

    public ManagedQuotes {
        quotes = List.copyOf(quotes);
    }

    public enum Type {
        @JsonProperty("snapshot") SNAPSHOT,
        @JsonProperty("update") UPDATE
    }
}
