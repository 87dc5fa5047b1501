package com.stockticker.trading;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** An order as the client placed it, well-formed but not yet validated against the market and account. */
public record OrderRequest(String clientOrderId, String symbol, Side side, OrderType type, long quantity, @Nullable BigDecimal limitPrice) {
}
