package com.stockticker.market;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated market ({@code ticker.market.*}). The default instruments are in {@code application.yml}.
 *
 * @param seed seed of the price model; the same seed and settings replay the same prices. Unset: a random
 *     seed, logged at start-up so that a run can be replayed
 * @param tickInterval time between two ticks
 * @param moveProbability chance that an instrument trades in a given tick, as not every stock trades
 *     every few hundred milliseconds
 * @param timeScale market seconds that pass per real second; 60 makes an hour of watching look like
 *     two and a half trading days, so prices visibly move at realistic volatilities
 * @param spreadBps bid/ask spread in basis points of the price, at least one tick on each side
 * @param historySize how many recent prices per instrument are kept for chart snapshots
 * @param instruments what is traded
 */
@ConfigurationProperties("ticker.market")
@Validated
public record MarketProperties(
        Long seed,
        @DefaultValue("250ms") @NotNull Duration tickInterval,
        @DefaultValue("0.6") @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") double moveProbability,
        @DefaultValue("60") @Positive @Max(100_000) double timeScale,
        @DefaultValue("2") @PositiveOrZero @Max(1_000) double spreadBps,
        @DefaultValue("300") @Positive @Max(100_000) int historySize,
        @NotEmpty List<@Valid @NotNull Instrument> instruments) {

    @AssertTrue(message = "tickInterval must be between 10ms and 1h")
    public boolean isTickIntervalInRange() {
        return tickInterval == null
                || (tickInterval.compareTo(Duration.ofMillis(10)) >= 0 && tickInterval.compareTo(Duration.ofHours(1)) <= 0);
    }

    @AssertTrue(message = "instrument symbols must be unique")
    public boolean isSymbolsUnique() {
        return instruments == null
                || instruments.stream().filter(i -> i != null).map(Instrument::symbol).distinct().count()
                        == instruments.stream().filter(i -> i != null).count();
    }
}
