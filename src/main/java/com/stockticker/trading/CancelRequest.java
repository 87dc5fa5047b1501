package com.stockticker.trading;

import jakarta.validation.constraints.AssertTrue;

/** Cancels an open order named by exactly one of its ids; sent to {@code /app/orders/cancel}. */
public record CancelRequest(String orderId, String clientOrderId) {

    @AssertTrue(message = "give exactly one of orderId and clientOrderId")
    public boolean isOneIdGiven() {
        return (orderId == null) != (clientOrderId == null);
    }
}
