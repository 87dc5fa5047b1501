package com.stockticker.trading;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.SessionMessenger;

/** Sends the desk's events to every session of the user they belong to, and to nobody else. */
@Component
class TradingNotifier {

    private final SessionMessenger sessions;

    TradingNotifier(SessionMessenger sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void orderUpdated(OrderUpdated update) {
        sessions.sendToUser(update.username(), Destinations.USER_ORDERS, update.order());
    }

    @EventListener
    void portfolioUpdated(PortfolioUpdated update) {
        sessions.sendToUser(update.username(), Destinations.USER_PORTFOLIO, update.portfolio());
    }
}
