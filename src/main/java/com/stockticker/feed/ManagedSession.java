package com.stockticker.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;

/**
 * The managed subscriptions of one STOMP session, conflated per symbol as in Lightstreamer's MERGE mode:
 * a symbol is sent at most once every {@code ticksBetween} ticks, and what is sent is always its latest
 * quote; the quotes in between are merged away, never queued. Callers synchronize on the session so that
 * what it decides and what is sent happen in one order.
 */
final class ManagedSession {

    private final String id;
    private final Map<String, SymbolStream> streams = new LinkedHashMap<>();

    ManagedSession(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** How many symbols the session would follow after also subscribing to {@code symbols}. */
    int symbolCountWith(Collection<String> symbols) {
        Set<String> all = new HashSet<>(streams.keySet());
        all.addAll(symbols);
        return all.size();
    }

    /**
     * Starts (or restarts at a new rate) following {@code symbols}, whose quotes as of tick {@code asOfTick}
     * the caller sends as a snapshot: the next update of each is due {@code ticksBetween} ticks later.
     */
    void subscribe(Collection<String> symbols, int ticksBetween, long asOfTick) {
        for (String symbol : symbols) {
            streams.put(symbol, new SymbolStream(ticksBetween, asOfTick));
        }
    }

    void unsubscribe(Collection<String> symbols) {
        streams.keySet().removeAll(symbols);
    }

    boolean isEmpty() {
        return streams.isEmpty();
    }

    /** Takes in a tick and returns the quotes due to be sent now, in subscription order. */
    List<Quote> due(QuoteBatch tick) {
        return due(List.of(tick));
    }

    /**
     * Takes in consecutive ticks (more than one when updates fell behind the market) and returns the quotes
     * due as of the last of them: each symbol's latest quote, once.
     */
    List<Quote> due(List<QuoteBatch> ticks) {
        for (QuoteBatch tick : ticks) {
            for (Quote quote : tick.quotes()) {
                SymbolStream stream = streams.get(quote.symbol());
                if (stream != null && quote.tickSeq() > stream.lastSentTick) {
                    stream.pending = quote;
                }
            }
        }
        long now = ticks.get(ticks.size() - 1).seq();
        List<Quote> due = new ArrayList<>();
        for (SymbolStream stream : streams.values()) {
            if (stream.pending != null && now - stream.lastSentTick >= stream.ticksBetween) {
                due.add(stream.pending);
                stream.pending = null;
                stream.lastSentTick = now;
            }
        }
        return due;
    }

    private static final class SymbolStream {

        private final int ticksBetween;
        private long lastSentTick;
        private Quote pending;

        SymbolStream(int ticksBetween, long lastSentTick) {
            this.ticksBetween = ticksBetween;
            this.lastSentTick = lastSentTick;
        }
    }
}
