package com.stockticker.feed;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

import com.stockticker.market.CandleHistory;
import com.stockticker.market.QuoteBook;
import com.stockticker.market.QuoteHistory;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.EncodedJson;

/** Answers a SUBSCRIBE to {@code /app/quotes...} at once, straight to the subscriber, with the current state. */
@Controller
class SnapshotController {

    private final QuoteBook book;
    private final QuoteSnapshots snapshots;
    private final SimpMessagingTemplate messaging;

    SnapshotController(QuoteBook book, QuoteSnapshots snapshots, SimpMessagingTemplate messaging) {
        this.book = book;
        this.snapshots = snapshots;
        this.messaging = messaging;
    }

    /** A {@link com.stockticker.market.QuoteBatch} of every instrument, converted once per tick for everyone who asks. */
    @SubscribeMapping(Destinations.QUOTES)
    EncodedJson quotes() {
        return snapshots.latest(messaging.getMessageConverter());
    }

    /** An unknown symbol raises {@code UnknownSymbolException}, reported on {@code /user/queue/errors}. */
    @SubscribeMapping(Destinations.SYMBOL_QUOTES)
    QuoteHistory quote(@DestinationVariable String symbol) {
        return book.history(symbol);
    }

    /** Every bar kept; an unknown symbol or interval is reported on {@code /user/queue/errors}. */
    @SubscribeMapping(Destinations.SYMBOL_CANDLES)
    CandleHistory candles(@DestinationVariable String symbol, @DestinationVariable String interval) {
        return book.candles(symbol, interval, Integer.MAX_VALUE);
    }
}
