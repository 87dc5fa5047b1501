package com.stockticker.feed;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of managed subscriptions ({@code ticker.subscriptions.*}).
 *
 * @param maxSymbols how many symbols one session may follow through {@code /app/subscriptions}
 * @param maxRate the highest {@code maxRate} (updates per second per symbol) a session may ask for; also
 *     the rate of a request that names none
 */
@ConfigurationProperties("ticker.subscriptions")
@Validated
public record SubscriptionProperties(
        @DefaultValue("50") @Positive @Max(10_000) int maxSymbols,
        @DefaultValue("10") @Positive @DecimalMax("1000") double maxRate) {
}
