package com.stockticker.trading;

public enum OrderStatus {
    /** Accepted and resting: a limit order waiting for the market to cross it. */
    NEW,
    FILLED,
    CANCELED,
    REJECTED;

    boolean isOpen() {
        return this == NEW;
    }
}
