package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Instant;

/** An order inside an account; changed only under the account's lock, seen outside as {@link OrderEvent}. */
final class Order {

    private final String orderId;
    private final OrderRequest request;
    private final Instant createdAt;
    private OrderStatus status = OrderStatus.NEW;
    private BigDecimal averagePrice;
    private RejectReason reason;
    private String message;
    private Instant updatedAt;

    Order(String orderId, OrderRequest request, Instant createdAt) {
        this.orderId = orderId;
        this.request = request;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    String orderId() {
        return orderId;
    }

    OrderRequest request() {
        return request;
    }

    OrderStatus status() {
        return status;
    }

    /** What a resting buy has promised to pay at most, so that other orders cannot spend it. */
    BigDecimal reservedCash() {
        return status.isOpen() && request.side() == Side.BUY
                ? request.limitPrice().multiply(BigDecimal.valueOf(request.quantity())) : BigDecimal.ZERO;
    }

    /** The shares a resting sell has promised, so that other sells cannot sell them again. */
    long reservedQuantity(String symbol) {
        return status.isOpen() && request.side() == Side.SELL && request.symbol().equals(symbol) ? request.quantity() : 0;
    }

    void fill(BigDecimal price, Instant at) {
        status = OrderStatus.FILLED;
        averagePrice = price;
        updatedAt = at;
    }

    void cancel(Instant at) {
        status = OrderStatus.CANCELED;
        updatedAt = at;
    }

    void reject(RejectReason rejectReason, String why, Instant at) {
        status = OrderStatus.REJECTED;
        reason = rejectReason;
        message = why;
        updatedAt = at;
    }

    OrderEvent event() {
        return new OrderEvent(orderId, request.clientOrderId(), request.symbol(), request.side(), request.type(),
                request.quantity(), request.limitPrice(), status, status == OrderStatus.FILLED ? request.quantity() : 0,
                averagePrice, reason, message, createdAt, updatedAt);
    }
}
