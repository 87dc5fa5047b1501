package com.stockticker.trading;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Paper trading limits ({@code ticker.trading.*}).
 *
 * @param maxQuantity the largest quantity of one order
 * @param maxOpenOrders how many limit orders one user may have resting at once
 * @param ordersPerSecond the sustained rate of order and cancel messages one user may send
 * @param orderBurst how many order and cancel messages one user may send at once before the rate applies
 * @param portfolioInterval the shortest time between two revaluations of a user's portfolio sent as
 *     prices move; fills and cancels are sent at once
 * @param orderHistory how many finished orders (filled, canceled, rejected) are kept per user
 */
@ConfigurationProperties("ticker.trading")
@Validated
public record TradingProperties(
        @DefaultValue("1000000") @Positive long maxQuantity,
        @DefaultValue("50") @Positive @Max(10_000) int maxOpenOrders,
        @DefaultValue("10") @Positive @Max(10_000) int ordersPerSecond,
        @DefaultValue("20") @Positive @Max(10_000) int orderBurst,
        @DefaultValue("500ms") @NotNull Duration portfolioInterval,
        @DefaultValue("1000") @Positive @Max(1_000_000) int orderHistory) {
}
