package com.stockticker.feed;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Subscriptions ({@code ticker.subscriptions.*}): the limits of managed ones, and how far back a subscriber of
 * {@code /topic/prices} can resume.
 *
 * @param maxSymbols how many symbols one session may follow through {@code /app/subscriptions}
 * @param maxRate the highest {@code maxRate} (updates per second per symbol) a session may ask for; also
 *     the rate of a request that names none
 * @param resumeWindow how long the batches of {@code /topic/prices} are kept for subscribers that resume after a
 *     reconnect; one that missed more gets a snapshot
 */
@ConfigurationProperties("ticker.subscriptions")
@Validated
public record SubscriptionProperties(
        @DefaultValue("50") @Positive @Max(10_000) int maxSymbols,
        @DefaultValue("10") @Positive @DecimalMax("1000") double maxRate,
        @DefaultValue("60s") @NotNull Duration resumeWindow) {

    @AssertTrue(message = "resumeWindow must be between 1s and 1h")
    boolean isResumeWindowInRange() {
        return resumeWindow == null
                || (resumeWindow.compareTo(Duration.ofSeconds(1)) >= 0 && resumeWindow.compareTo(Duration.ofHours(1)) <= 0);
    }
}
