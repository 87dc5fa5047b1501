package com.stockticker.feed;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.messaging.Destinations;

/**
 * Publishes every tick to the broker: the batch on {@code /topic/prices} and each changed quote on its
 * symbol's topic. Each message is converted to JSON once here; the broker hands the same bytes to every
 * subscriber.
 */
@Component
class QuotePublisher {

    private final SimpMessageSendingOperations messaging;

    QuotePublisher(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    @EventListener
    void publish(QuoteBatch tick) {
        messaging.convertAndSend(Destinations.PRICES, tick);
        for (Quote quote : tick.quotes()) {
            messaging.convertAndSend(Destinations.symbolPrices(quote.symbol()), quote);
        }
    }
}
