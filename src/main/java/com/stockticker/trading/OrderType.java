package com.stockticker.trading;

public enum OrderType {
    /** Fills at once at the ask (buy) or the bid (sell). */
    MARKET,
    /** Fills at the limit price or better, at once or when a later tick crosses it. */
    LIMIT
}
