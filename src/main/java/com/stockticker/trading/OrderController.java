package com.stockticker.trading;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

import com.stockticker.messaging.Destinations;

/**
 * Adapts STOMP to the {@link TradingDesk}. Order events and portfolios reach the user through
 * {@link TradingNotifier}; snapshots answer a SUBSCRIBE directly. Only authenticated users get here: the
 * destination guard refuses these destinations to anonymous connections.
 */
@Controller
class OrderController {

    private final TradingDesk desk;
    private final OrderParser parser;

    OrderController(TradingDesk desk, OrderParser parser) {
        this.desk = desk;
        this.parser = parser;
    }

    @MessageMapping(Destinations.ORDERS)
    void place(@Payload JsonNode body, Principal user) {
        try {
            desk.place(user.getName(), parser.parse(body));
        }
        catch (OrderRejectedException rejected) {
            desk.reject(user.getName(), rejected);
        }
    }

    @MessageMapping(Destinations.ORDERS_CANCEL)
    void cancel(@Valid @Payload CancelRequest request, Principal user) {
        desk.cancel(user.getName(), request.orderId(), request.clientOrderId());
    }

    @SubscribeMapping(Destinations.ORDERS)
    List<OrderEvent> orders(Principal user) {
        return desk.orders(user.getName());
    }

    @SubscribeMapping(Destinations.PORTFOLIO)
    Portfolio portfolio(Principal user) {
        return desk.portfolio(user.getName());
    }
}
