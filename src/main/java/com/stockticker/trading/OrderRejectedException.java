package com.stockticker.trading;

import com.stockticker.errors.ErrorCode;

/**
 * An order message that is JSON but not an order: rejected before it reaches an account, with one of the
 * {@link ErrorCode#rejectReasons() reject reasons}.
 */
public class OrderRejectedException extends RuntimeException {

    private final String clientOrderId;
    private final ErrorCode reason;

    public OrderRejectedException(String clientOrderId, ErrorCode reason, String message) {
        super(message);
        if (!reason.isRejectReason()) {
            throw new IllegalArgumentException(reason + " is an error code, not an order's reject reason");
        }
        this.clientOrderId = clientOrderId;
        this.reason = reason;
    }

    public String getClientOrderId() {
        return clientOrderId;
    }

    public ErrorCode getReason() {
        return reason;
    }
}
