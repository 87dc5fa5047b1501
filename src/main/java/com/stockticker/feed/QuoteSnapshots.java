package com.stockticker.feed;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.EncodedJson;

/**
 * The latest quote of every instrument, as JSON, converted once per tick however many clients ask for it. After
 * an instance restarts all of its clients come back within a second or two, and each asks for this snapshot
 * ({@code /app/quotes}, or a resume the instance cannot serve): ten thousand conversions of the same batch would
 * cost more than the tick itself. The book hands out one immutable batch per tick, so the batch is the key.
 */
@Component
class QuoteSnapshots {

    private final QuoteBook book;
    private final SimpMessagingTemplate messaging;
    private volatile Converted latest;

    QuoteSnapshots(QuoteBook book, SimpMessagingTemplate messaging) {
        this.book = book;
        this.messaging = messaging;
    }

    /** The book's snapshot as JSON, as {@code /app/quotes} answers; the same bytes until the next tick. */
    EncodedJson latest() {
        QuoteBatch batch = book.snapshot();
        Converted converted = latest;
        if (converted == null || converted.batch() != batch) {
            // Two threads may convert the same batch at once: both get equal bytes, and one of them is kept.
            converted = new Converted(batch, EncodedJson.of(messaging.getMessageConverter(), batch));
            latest = converted;
        }
        return converted.json();
    }

    private record Converted(QuoteBatch batch, EncodedJson json) {
    }
}
