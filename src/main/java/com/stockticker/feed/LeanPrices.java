package com.stockticker.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.EncodedJson;
import com.stockticker.messaging.TopicFormat;

/**
 * The lean format of {@code /topic/prices} ({@code format:lean}): each batch with only what changed since the
 * previous one (see {@link LeanQuote}), about a quarter of the bytes of the default JSON. Made once per batch, as
 * the batch is published, for every subscriber that asked for it.
 *
 * <p>What changed is worked out against the quotes this instance published last. Should its own stream have a
 * gap (an edge that took the core's state again), it forgets them and sends every changing field again: its
 * subscribers see the gap in {@code seq} too, and start again from a snapshot, which the next batches then
 * complete.
 */
@Component
class LeanPrices {

    private final SimpMessagingTemplate messaging;
    private final Map<String, Quote> published = new HashMap<>();
    private long lastSeq = -1;

    LeanPrices(SimpMessagingTemplate messaging) {
        this.messaging = messaging;
    }

    /** That {@code /topic/prices} comes in this format; static, so that it needs nothing of the broker this class needs. */
    @Bean
    static TopicFormat leanPricesFormat() {
        return new TopicFormat(Destinations.PRICES, LeanQuote.FORMAT);
    }

    /** The batch in the lean format, converted for the wire; called for every batch, in order, as it is published. */
    synchronized byte[] encode(QuoteBatch tick) {
        if (tick.seq() != lastSeq + 1) {
            published.clear();
        }
        lastSeq = tick.seq();
        List<LeanQuote> quotes = new ArrayList<>(tick.quotes().size());
        for (Quote quote : tick.quotes()) {
            quotes.add(LeanQuote.between(published.put(quote.symbol(), quote), quote));
        }
        return EncodedJson.of(messaging.getMessageConverter(),
                new LeanBatch(tick.seq(), tick.timestamp().toEpochMilli(), quotes)).bytes();
    }
}
