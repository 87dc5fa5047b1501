package com.stockticker.feed;

import org.springframework.messaging.converter.MessageConverter;
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
    private volatile Converted latest;

    QuoteSnapshots(QuoteBook book) {
        this.book = book;
    }

    /**
     * The book's snapshot as JSON, as {@code /app/quotes} answers; the same bytes until the next tick.
     *
     * @param converter the broker's message converter, which the callers have (this class has no part in the broker's
     *     set-up, so that topics' descriptions that use it need nothing of the broker to exist)
     */
    EncodedJson latest(MessageConverter converter) {
        QuoteBatch batch = book.snapshot();
        Converted converted = latest;
        if (converted == null || converted.batch() != batch) {
            // Two threads may convert the same batch at once: both get equal bytes, and one of them is kept.
            converted = new Converted(batch, EncodedJson.of(converter, batch));
            latest = converted;
        }
        return converted.json();
    }

    private record Converted(QuoteBatch batch, EncodedJson json) {
    }
}
