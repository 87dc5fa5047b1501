package com.stockticker.trading;

import java.math.BigDecimal;

/**
 * One holding of a portfolio, valued at the last price.
 *
 * @param averageCost what the shares held cost, per share
 * @param realizedPnl profit or loss taken by selling, over the session
 * @param unrealizedPnl profit or loss of the shares held, were they sold at {@code marketPrice}
 */
public record Position(String symbol, long quantity, BigDecimal averageCost, BigDecimal marketPrice,
        BigDecimal marketValue, BigDecimal unrealizedPnl, BigDecimal realizedPnl) {
}
