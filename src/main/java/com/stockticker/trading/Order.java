package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Instant;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/** An order inside an account; changed only under the account's lock, seen outside as {@link OrderEvent}. */
final class Order {

    private final long orderNo;
    private final String orderId;
    private final OrderRequest request;
    private final Instant createdAt;
    private OrderStatus status = OrderStatus.NEW;
    private BigDecimal averagePrice;
    private ErrorCode reason;
    private String message;
    private Instant updatedAt;
    private boolean stored;

    Order(long orderNo, OrderRequest request, Instant createdAt) {
        this.orderNo = orderNo;
        this.orderId = orderId(orderNo);
        this.request = request;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** An order as the database holds it. */
    Order(long orderNo, OrderRequest request, OrderStatus status, BigDecimal averagePrice, ErrorCode reason, String message,
            Instant createdAt, Instant updatedAt) {
        this(orderNo, request, createdAt);
        this.status = status;
        this.averagePrice = averagePrice;
        this.reason = reason;
        this.message = message;
        this.updatedAt = updatedAt;
        this.stored = true;
    }

    static String orderId(long orderNo) {
        return "O-" + orderNo;
    }

    /**
     * The number in an orderId that this server made.
     *
     * @throws RejectedMessageException with {@code INVALID_MESSAGE} for any other text
     */
    static long orderNo(String orderId) {
        try {
            if (orderId.startsWith("O-")) {
                return Long.parseLong(orderId.substring(2));
            }
        }
        catch (NumberFormatException notANumber) {
            // Refused below, as any other id that the server did not make.
        }
        throw new RejectedMessageException(ErrorCode.INVALID_MESSAGE, "'" + orderId + "' is not an orderId such as O-17");
    }

    long orderNo() {
        return orderNo;
    }

    /** Whether the journal has had this order before, so that the next change is an update rather than an insert. */
    boolean markStored() {
        boolean was = stored;
        stored = true;
        return was;
    }

    BigDecimal averagePrice() {
        return averagePrice;
    }

    ErrorCode reason() {
        return reason;
    }

    String message() {
        return message;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
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

    void reject(ErrorCode rejectReason, String why, Instant at) {
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
