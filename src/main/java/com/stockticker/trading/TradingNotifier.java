package com.stockticker.trading;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

import com.stockticker.messaging.Destinations;

/** Sends the desk's events to every session of the user they belong to, and to nobody else. */
@Component
class TradingNotifier {

    private final SimpMessageSendingOperations messaging;

    TradingNotifier(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    @EventListener
    void orderUpdated(OrderUpdated update) {
        messaging.convertAndSendToUser(update.username(), Destinations.USER_ORDERS, update.order());
    }

    @EventListener
    void portfolioUpdated(PortfolioUpdated update) {
        messaging.convertAndSendToUser(update.username(), Destinations.USER_PORTFOLIO, update.portfolio());
    }
}
