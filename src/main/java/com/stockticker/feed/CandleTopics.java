package com.stockticker.feed;

import org.springframework.stereotype.Component;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.market.QuoteBook;
import com.stockticker.market.UnknownIntervalException;
import com.stockticker.market.UnknownSymbolException;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.TopicNames;

/** A SUBSCRIBE to {@code /topic/candles.SYMBOL.interval} must name a traded symbol and a configured interval. */
@Component
class CandleTopics implements TopicNames {

    private final QuoteBook book;

    CandleTopics(QuoteBook book) {
        this.book = book;
    }

    @Override
    public void check(String destination) {
        if (!destination.startsWith(Destinations.CANDLES_PREFIX)) {
            return;
        }
        String name = destination.substring(Destinations.CANDLES_PREFIX.length());
        int dot = name.lastIndexOf('.');
        // The book's own check, as for /app/candles/{SYMBOL}/{interval}, with the destination named.
        try {
            book.requireCandles(dot < 0 ? name : name.substring(0, dot), dot < 0 ? "" : name.substring(dot + 1));
        }
        catch (UnknownSymbolException unknown) {
            throw new RejectedMessageException(ErrorCode.UNKNOWN_SYMBOL, "SUBSCRIBE to '" + destination + "': " + unknown.getMessage());
        }
        catch (UnknownIntervalException unknown) {
            throw new RejectedMessageException(ErrorCode.UNKNOWN_INTERVAL, "SUBSCRIBE to '" + destination + "': " + unknown.getMessage());
        }
    }
}
