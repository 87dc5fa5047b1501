package com.stockticker.feed;

import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;
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
        String symbol = dot < 0 ? name : name.substring(0, dot);
        if (!book.contains(symbol)) {
            throw new RejectedMessageException(ErrorCode.UNKNOWN_SYMBOL, "Unknown symbol '" + symbol + "' in '" + destination
                    + "'; candle topics are " + Destinations.CANDLES_PREFIX + "{SYMBOL}.{interval}");
        }
        String interval = dot < 0 ? "" : name.substring(dot + 1);
        if (!book.candleIntervals().contains(interval)) {
            throw new RejectedMessageException(ErrorCode.UNKNOWN_INTERVAL, "Unknown candle interval '" + interval + "' in '"
                    + destination + "'; the intervals are " + String.join(", ", book.candleIntervals()));
        }
    }
}
