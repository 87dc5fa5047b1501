package com.stockticker.trading;

/** Why an order was rejected. Each reason is documented in {@code docs/protocol.md}. */
public enum RejectReason {
    /** The order has a field that orders do not have. */
    UNKNOWN_FIELD,
    /** A required field is missing. */
    MISSING_FIELD,
    /** A field has the wrong type or value, such as a side that is not BUY or SELL. */
    INVALID_FIELD,
    UNKNOWN_SYMBOL,
    /** The quantity is not a positive whole number. */
    INVALID_QUANTITY,
    /** The quantity is above {@code ticker.trading.max-quantity}. */
    QUANTITY_TOO_LARGE,
    /** A limit order without a limit price. */
    MISSING_LIMIT_PRICE,
    /** A limit price that is not positive, or one given for a market order. */
    INVALID_LIMIT_PRICE,
    /** A limit price that is not a multiple of the instrument's tick size. */
    OFF_TICK_GRID,
    /** A buy costs more than the cash not already promised to open orders. */
    INSUFFICIENT_CASH,
    /** A sell of more shares than are held and not already promised to open orders: no short selling. */
    INSUFFICIENT_POSITION,
    /** The user already has {@code ticker.trading.max-open-orders} open orders. */
    TOO_MANY_OPEN_ORDERS,
    /** The user sent order messages faster than {@code ticker.trading.orders-per-second}. */
    RATE_LIMITED
}
