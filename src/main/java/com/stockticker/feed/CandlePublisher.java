package com.stockticker.feed;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

import com.stockticker.market.Candle;
import com.stockticker.market.CandleUpdate;
import com.stockticker.messaging.BrokerAvailability;
import com.stockticker.messaging.Destinations;

/**
 * Publishes the candles each tick changed on their topics ({@code /topic/candles.SYMBOL.interval}): the bars it
 * closed, once each, then the bars in progress as they now stand. On every instance, from the ticks it follows.
 */
@Component
class CandlePublisher {

    private final SimpMessageSendingOperations messaging;
    private final BrokerAvailability broker;

    CandlePublisher(SimpMessageSendingOperations messaging, BrokerAvailability broker) {
        this.messaging = messaging;
        this.broker = broker;
    }

    @EventListener
    void publish(CandleUpdate update) {
        if (!broker.isAvailable()) {
            // Nobody is connected to receive them; the bars are in the book for the next snapshot.
            return;
        }
        try {
            for (Candle candle : update.candles()) {
                messaging.convertAndSend(Destinations.candles(candle.symbol(), candle.interval()), candle);
            }
        }
        catch (MessageDeliveryException ex) {
            // The broker went away during this tick.
        }
    }
}
