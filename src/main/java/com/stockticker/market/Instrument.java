package com.stockticker.market;

import java.math.BigDecimal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A tradable instrument and the parameters of its price model.
 *
 * @param symbol ticker symbol; upper case letters, digits and '-' only, because '.' separates the
 *     symbol in per-symbol topics ({@code /topic/prices.AAPL}) and in a message broker's routing keys
 * @param name display name
 * @param startPrice previous close, where the simulated session starts from; on the tick grid
 * @param drift annual drift (mu) of the geometric Brownian motion, e.g. 0.08 for 8 % a year
 * @param volatility annual volatility (sigma), e.g. 0.25 for 25 % a year
 * @param tickSize smallest price increment, e.g. 0.01
 */
public record Instrument(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{0,11}", message = "must be 1-12 upper case letters, digits or '-'")
        String symbol,
        @NotBlank String name,
        @NotNull @Positive BigDecimal startPrice,
        @DecimalMax("1.0") double drift,
        @PositiveOrZero @DecimalMax("5.0") double volatility,
        @NotNull @Positive BigDecimal tickSize) {

    @AssertTrue(message = "startPrice must be a multiple of tickSize")
    public boolean isStartPriceOnTickGrid() {
        return startPrice == null || tickSize == null || tickSize.signum() <= 0
                || startPrice.remainder(tickSize).signum() == 0;
    }
}
