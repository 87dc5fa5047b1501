package com.stockticker.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operations ({@code ticker.ops.*}).
 *
 * @param brokerStatsPeriod how often Spring's WebSocket and broker statistics are logged; 0 turns it off
 * @param marketStallAfter how long without a tick before readiness reports the market stalled
 */
@ConfigurationProperties("ticker.ops")
@Validated
public record OpsProperties(
        @DefaultValue("5m") @NotNull Duration brokerStatsPeriod,
        @DefaultValue("10s") @NotNull Duration marketStallAfter) {
}
