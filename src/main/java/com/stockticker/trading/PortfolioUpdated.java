package com.stockticker.trading;

/** Application event: {@code username}'s portfolio changed, or was revalued at new prices. */
public record PortfolioUpdated(String username, Portfolio portfolio) {
}
