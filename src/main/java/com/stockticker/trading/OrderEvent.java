package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The state of an order after something happened to it, sent on {@code /user/queue/orders}.
 *
 * @param orderId the server's id; {@code null} for an order rejected before it could be read whole
 * @param averagePrice the price of the fill, once filled
 * @param reason why it was rejected, for {@code REJECTED}; {@code message} says it in words
 */
public record OrderEvent(
        String orderId,
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        Long quantity,
        BigDecimal limitPrice,
        OrderStatus status,
        long filledQuantity,
        BigDecimal averagePrice,
        RejectReason reason,
        String message,
        Instant createdAt,
        Instant updatedAt) {
}
