package com.stockticker.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares of one instrument in an account, with what they cost and what selling them has made. */
final class Holding {

    private static final int COST_SCALE = 4;

    private long quantity;
    private BigDecimal averageCost = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private boolean stored;

    Holding() {
    }

    /** A holding as the database holds it. */
    Holding(long quantity, BigDecimal averageCost, BigDecimal realizedPnl) {
        this.quantity = quantity;
        this.averageCost = averageCost;
        this.realizedPnl = realizedPnl;
        this.stored = true;
    }

    /** Whether the journal has had this holding before, so that the next change is an update rather than an insert. */
    boolean markStored() {
        boolean was = stored;
        stored = true;
        return was;
    }

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
