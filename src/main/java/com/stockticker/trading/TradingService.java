package com.stockticker.trading;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;

/**
 * Paper trading as the STOMP and REST adapters see it: the {@link TradingDesk} itself on the core, or the core
 * reached through RabbitMQ on an edge. Every answer is a future, so that an edge does not hold a thread while
 * the core answers; refusals complete it with a {@code RejectedMessageException}. Order events and portfolio
 * updates reach the user's sessions from the core, not through these futures.
 */
public interface TradingService {

    CompletableFuture<Void> place(String username, OrderRequest request);

    /** An order message that could not be read as an order: it is answered with a rejected order event. */
    CompletableFuture<Void> reject(String username, OrderRejectedException rejection);

    CompletableFuture<Void> cancel(String username, CancelRequest request);

    CompletableFuture<List<OrderEvent>> orders(String username);

    /**
     * A page of the user's order history, newest first. The core reads the database; this default, for an
     * instance without one, pages through the recent orders that {@link #orders} answers.
     */
    default CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
        return orders(username).thenApply(orders -> {
            long before = query.before() != null ? Order.orderNo(query.before()) : Long.MAX_VALUE;
            return orders.stream().filter(order -> order.orderId() != null && Order.orderNo(order.orderId()) < before)
                    .filter(order -> query.statuses().isEmpty() || query.statuses().contains(order.status()))
                    .filter(order -> query.from() == null || !order.createdAt().isBefore(query.from()))
                    .filter(order -> query.to() == null || order.createdAt().isBefore(query.to()))
                    .sorted(java.util.Comparator.comparingLong((OrderEvent order) -> Order.orderNo(order.orderId())).reversed())
                    .limit(query.limit()).toList();
        });
    }

    /**
     * Starts the user's account again from its starting cash; answers the portfolio after the reset. The core
     * does it; this default, for an instance that cannot reach the core's desk this way, refuses.
     */
    default CompletableFuture<Portfolio> reset(String username) {
        return CompletableFuture.failedFuture(new RejectedMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                "This instance cannot reset accounts; the core can"));
    }

    CompletableFuture<Portfolio> portfolio(String username);
}
