package com.stockticker.trading;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.validation.Valid;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.SessionMessenger;

/**
 * Adapts STOMP to trading: the {@link TradingDesk} on the core, the core through RabbitMQ on an edge. Order
 * events and portfolios reach the user through {@link TradingNotifier}; snapshots answer a SUBSCRIBE directly.
 * Only authenticated users get here: the destination guard refuses these destinations to anonymous
 * connections. A future that fails is reported like a thrown exception, on {@code /user/queue/errors}.
 */
@Controller
class OrderController {

    private final TradingService trading;
    private final OrderParser parser;
    private final SessionMessenger sessions;

    OrderController(TradingService trading, OrderParser parser, SessionMessenger sessions) {
        this.trading = trading;
        this.parser = parser;
        this.sessions = sessions;
    }

    /** A rejection meant for the sender alone (rate-limited) goes to this session's order queue only. */
    @MessageMapping(Destinations.ORDERS)
    CompletableFuture<Void> place(@Payload JsonNode body, Principal user,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        OrderRequest request;
        try {
            request = parser.parse(body);
        }
        catch (OrderRejectedException rejected) {
            return tellSender(trading.reject(user.getName(), rejected), sessionId);
        }
        return tellSender(trading.place(user.getName(), request), sessionId);
    }

    /**
     * A refusal fails the returned future with the refusal itself, not wrapped (as {@code thenAccept} would), so
     * that the error handler answers it with its own code.
     */
    private CompletableFuture<Void> tellSender(CompletableFuture<OrderEvent> answer, String sessionId) {
        CompletableFuture<Void> told = new CompletableFuture<>();
        answer.whenComplete((event, failure) -> {
            if (failure != null) {
                told.completeExceptionally(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
                return;
            }
            if (event != null) {
                sessions.send(sessionId, Destinations.USER_ORDERS, event);
            }
            told.complete(null);
        });
        return told;
    }

    @MessageMapping(Destinations.ORDERS_CANCEL)
    CompletableFuture<Void> cancel(@Valid @Payload CancelRequest request, Principal user) {
        return trading.cancel(user.getName(), request);
    }

    /** The portfolio after the reset reaches the user on {@code /user/queue/portfolio}, as after any change. */
    @MessageMapping(Destinations.ACCOUNT_RESET)
    CompletableFuture<Void> reset(Principal user) {
        return trading.reset(user.getName()).thenApply(portfolio -> null);
    }

    @SubscribeMapping(Destinations.ORDERS)
    CompletableFuture<List<OrderEvent>> orders(Principal user) {
        return trading.orders(user.getName());
    }

    @SubscribeMapping(Destinations.PORTFOLIO)
    CompletableFuture<Portfolio> portfolio(Principal user) {
        return trading.portfolio(user.getName());
    }
}
