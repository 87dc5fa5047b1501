package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.stockticker.errors.ErrorCode;

/**
 * The state of an order after something happened to it, sent on {@code /user/queue/orders}.
 *
 * @param orderId the server's id; {@code null} for an order rejected before it could be read whole
 * @param averagePrice the price of the fill, once filled
 * @param reason why it was rejected, for {@code REJECTED}: one of {@link ErrorCode#rejectReasons()}; {@code message}
 *     says it in words
 */
public record OrderEvent(
        @Nullable String orderId,
        @Nullable String clientOrderId,
        @Nullable String symbol,
        @Nullable Side side,
        @Nullable OrderType type,
        @Nullable Long quantity,
        @Nullable BigDecimal limitPrice,
        OrderStatus status,
        long filledQuantity,
        @Nullable BigDecimal averagePrice,
        @Nullable ErrorCode reason,
        @Nullable String message,
        Instant createdAt,
        Instant updatedAt) {
}
