package com.stockticker.trading;

import java.time.Instant;
import java.util.Set;

/**
 * Which of a user's orders to read from the history, newest first.
 *
 * @param statuses only orders in one of these states; empty for all
 * @param from only orders placed at or after this time; {@code null} for no bound
 * @param to only orders placed before this time; {@code null} for no bound
 * @param before only orders placed before this one (an orderId from the previous page); {@code null} to start
 *     with the newest
 * @param limit the most orders to return
 */
public record OrderQuery(Set<OrderStatus> statuses, Instant from, Instant to, String before, int limit) {

    public OrderQuery {
        statuses = Set.copyOf(statuses);
    }
}
