package com.stockticker.trading;

/** An order message that is JSON but not an order: rejected before it reaches an account. */
public class OrderRejectedException extends RuntimeException {

    private final String clientOrderId;
    private final RejectReason reason;

    public OrderRejectedException(String clientOrderId, RejectReason reason, String message) {
        super(message);
        this.clientOrderId = clientOrderId;
        this.reason = reason;
    }

    public String getClientOrderId() {
        return clientOrderId;
    }

    public RejectReason getReason() {
        return reason;
    }
}
