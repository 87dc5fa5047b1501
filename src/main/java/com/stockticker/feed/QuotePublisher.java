package com.stockticker.feed;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.BrokerAvailability;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.MessageFormats;
import com.stockticker.messaging.StreamPosition;

/**
 * Publishes every tick to this instance's clients: the batch on {@code /topic/prices} and each changed quote on
 * its symbol's topic. Each message is converted to JSON once here; the broker hands the same bytes to every
 * subscriber. A batch carries its position in the market (its {@code seq} in the book's market), so that a
 * subscriber that comes back can resume (see {@link ResumablePrices}), and its lean format, for subscribers that
 * asked for it (see {@link LeanPrices}). The ticks are the core's market's own on the core, and on an edge the core's batches as they
 * arrive through RabbitMQ (see {@code cluster.CoreFeed}): every instance fans out to its own clients.
 *
 * <p>While the broker is unavailable (before it starts, after it stops) ticks are dropped and counted, not
 * kept: nobody is connected to receive them.
 */
@Component
class QuotePublisher {

    private final SimpMessageSendingOperations messaging;
    private final Clock clock;
    private final Counter ticks;
    private final Counter quotes;
    private final Timer latency;
    private final Counter dropped;
    private final BrokerAvailability broker;
    private final QuoteBook book;
    private final LeanPrices lean;

    QuotePublisher(SimpMessageSendingOperations messaging, Clock clock, MeterRegistry registry, BrokerAvailability broker,
            QuoteBook book, LeanPrices lean) {
        this.messaging = messaging;
        this.book = book;
        this.lean = lean;
        this.clock = clock;
        this.broker = broker;
        this.dropped = Counter.builder("ticker.ticks.dropped")
                .description("Ticks not published because the broker was unavailable").register(registry);
        this.ticks = Counter.builder("ticker.ticks.published").description("Batches published on " + Destinations.PRICES).register(registry);
        this.quotes = Counter.builder("ticker.quotes.published").description("Quotes published; its rate is quotes per second").register(registry);
        this.latency = Timer.builder("ticker.publish.latency")
                .description("From a tick's timestamp until its batch and quotes are handed to every subscriber's queue")
                .publishPercentileHistogram().register(registry);
    }

    @EventListener
    void publish(QuoteBatch tick) {
        if (!broker.isAvailable()) {
            dropped.increment();
            return;
        }
        try {
            messaging.convertAndSend(Destinations.PRICES, tick, batchHeaders(tick));
            for (Quote quote : tick.quotes()) {
                messaging.convertAndSend(Destinations.symbolPrices(quote.symbol()), quote);
            }
        }
        catch (MessageDeliveryException ex) {
            // The broker went away during this tick.
            dropped.increment();
            return;
        }
        ticks.increment();
        quotes.increment(tick.quotes().size());
        latency.record(Duration.between(tick.timestamp(), clock.instant()));
    }

    /** Where the batch stands in its market, and its lean format, for the broker: neither goes on the wire as such. */
    private MessageHeaders batchHeaders(QuoteBatch tick) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create();
        // The book is of the market the tick belongs to: ticks are recorded before they are published.
        new StreamPosition(book.market(), tick.seq()).addTo(headers);
        new MessageFormats(Map.of(LeanQuote.FORMAT, lean.encode(tick))).addTo(headers);
        headers.setLeaveMutable(true);
        return headers.getMessageHeaders();
    }
}
