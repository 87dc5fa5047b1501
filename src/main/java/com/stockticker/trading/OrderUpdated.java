package com.stockticker.trading;

/** Application event: something happened to one of {@code username}'s orders. */
public record OrderUpdated(String username, OrderEvent order) {
}
