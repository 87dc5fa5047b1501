package com.stockticker.trading;

import jakarta.validation.constraints.AssertTrue;
import org.jspecify.annotations.Nullable;

/** Cancels an open order named by exactly one of its ids; sent to {@code /app/orders/cancel}. */
public record CancelRequest(@Nullable String orderId, @Nullable String clientOrderId) {

    @AssertTrue(message = "give exactly one of orderId and clientOrderId")
    public boolean isOneIdGiven() {
        return (orderId == null) != (clientOrderId == null);
    }
}
