package com.stockticker.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares of one instrument in an account, with what they cost and what selling them has made. */
final class Holding {

    private static final int COST_SCALE = 4;

    private long quantity;
    private BigDecimal averageCost = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;

    long quantity() {
        return quantity;
    }

    BigDecimal averageCost() {
        return averageCost;
    }

    BigDecimal realizedPnl() {
        return realizedPnl;
    }

    void buy(long shares, BigDecimal price) {
        BigDecimal cost = averageCost.multiply(BigDecimal.valueOf(quantity)).add(price.multiply(BigDecimal.valueOf(shares)));
        quantity += shares;
        averageCost = cost.divide(BigDecimal.valueOf(quantity), COST_SCALE, RoundingMode.HALF_EVEN);
    }

    void sell(long shares, BigDecimal price) {
        realizedPnl = realizedPnl.add(price.subtract(averageCost).multiply(BigDecimal.valueOf(shares)));
        quantity -= shares;
        if (quantity == 0) {
            averageCost = BigDecimal.ZERO;
        }
    }
}
