package com.stockticker.trading;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Paper trading as the STOMP and REST adapters see it: the {@link TradingDesk} itself on the core, or the core
 * reached through RabbitMQ on an edge. Every answer is a future, so that an edge does not hold a thread while
 * the core answers; refusals complete it with a {@code RejectedMessageException}. Order events and portfolio
 * updates reach the user's sessions from the core, not through these futures.
 */
public interface TradingService {

    /**
     * Places an order. Completes with an event for the sending session alone, or {@code null}: a rate-limited
     * order is rejected to its sender only (it is not kept, and the user's other sessions need not hear of it).
     */
    CompletableFuture<OrderEvent> place(String username, OrderRequest request);

    /**
     * An order message that could not be read as an order: it is answered with a rejected order event, to every
     * session of the user, or, when rate-limited, with the completed event to the sender alone.
     */
    CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection);

    CompletableFuture<Void> cancel(String username, CancelRequest request);

    CompletableFuture<List<OrderEvent>> orders(String username);

    /** A page of the user's order history from the database, newest first. */
    CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query);

    /** Starts the user's account again from its starting cash; answers the portfolio after the reset. */
    CompletableFuture<Portfolio> reset(String username);

    CompletableFuture<Portfolio> portfolio(String username);
}
