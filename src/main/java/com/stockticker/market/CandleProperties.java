package com.stockticker.market;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * OHLCV bars ({@code ticker.candles.*}).
 *
 * @param intervals the bar lengths: whole seconds from 1 s to 1 day, each named in destinations as {@code 30s},
 *     {@code 1m}, {@code 4h}, {@code 1d} (the largest unit that divides it)
 * @param history closed bars kept per instrument and interval: the most a snapshot sends
 */
@ConfigurationProperties("ticker.candles")
@Validated
public record CandleProperties(
        @DefaultValue({ "1s", "5s", "1m", "5m" }) @NotEmpty List<@NotNull Duration> intervals,
        @DefaultValue("300") @Positive @Max(10_000) int history) {

    @AssertTrue(message = "candle intervals must be whole seconds, from 1s to 1d")
    public boolean isIntervalsInRange() {
        return intervals == null || intervals.stream().allMatch(interval -> interval == null || (interval.toNanos() % 1_000_000_000 == 0
                && interval.compareTo(Duration.ofSeconds(1)) >= 0 && interval.compareTo(Duration.ofDays(1)) <= 0));
    }

    @AssertTrue(message = "candle intervals must be different")
    public boolean isIntervalsUnique() {
        return intervals == null || intervals.stream().distinct().count() == intervals.size();
    }

    /** The name of an interval in destinations and JSON: {@code 1s}, {@code 5m}, {@code 4h}, {@code 1d}. */
    public static String name(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
