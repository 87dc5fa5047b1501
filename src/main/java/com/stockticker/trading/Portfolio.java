package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A user's account, valued at the last prices; sent on {@code /user/queue/portfolio}.
 *
 * @param cash all the cash, including what open buy orders have reserved
 * @param availableCash cash that new buy orders may use
 * @param equity cash plus the market value of the positions
 * @param timestamp the time of the prices it is valued at
 */
public record Portfolio(String username, BigDecimal cash, BigDecimal availableCash, BigDecimal marketValue,
        BigDecimal equity, BigDecimal unrealizedPnl, BigDecimal realizedPnl, List<Position> positions, Instant timestamp) {

    public Portfolio {
        positions = List.copyOf(positions);
    }
}
