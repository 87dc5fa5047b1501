package com.stockticker.feed;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

import com.stockticker.market.Candle;
import com.stockticker.market.CandleUpdate;
import com.stockticker.messaging.BrokerAvailability;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.TopicSubscribers;

/**
 * Publishes the candles each tick changed on their topics ({@code /topic/candles.SYMBOL.interval}): the bars it
 * closed, once each, then the bars in progress as they now stand. On every instance, from the ticks it follows.
 * A candle whose topic nobody here follows is not converted at all: a tick changes up to one per instrument and
 * interval (80 with the defaults), and most have no subscriber.
 */
@Component
class CandlePublisher {

    private final SimpMessageSendingOperations messaging;
    private final BrokerAvailability broker;
    private final TopicSubscribers subscribers;

    CandlePublisher(SimpMessageSendingOperations messaging, BrokerAvailability broker, TopicSubscribers subscribers) {
        this.messaging = messaging;
        this.broker = broker;
        this.subscribers = subscribers;
    }

    @EventListener
    void publish(CandleUpdate update) {
        if (!broker.isAvailable()) {
            // Nobody is connected to receive them; the bars are in the book for the next snapshot.
            return;
        }
        try {
            for (Candle candle : update.candles()) {
                String destination = Destinations.candles(candle.symbol(), candle.interval());
                if (subscribers.hasSubscribers(destination)) {
                    messaging.convertAndSend(destination, candle);
                }
            }
        }
        catch (MessageDeliveryException ex) {
            // The broker went away during this tick.
        }
    }
}
