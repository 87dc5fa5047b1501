package com.stockticker.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBatch;

/**
 * Part of readiness: the service is no use until the market has ticked, nor once it has stopped ticking,
 * as after a crashed ticker thread. The contributor's name is {@code market}.
 */
@Component("market")
class MarketHealthIndicator implements HealthIndicator {

    private final Clock clock;
    private final Duration stallAfter;
    private volatile QuoteBatch lastTick;

    MarketHealthIndicator(Clock clock, OpsProperties properties) {
        this.clock = clock;
        this.stallAfter = properties.marketStallAfter();
    }

    @EventListener
    void ticked(QuoteBatch tick) {
        lastTick = tick;
    }

    @Override
    public Health health() {
        QuoteBatch tick = lastTick;
        if (tick == null) {
            return Health.down().withDetail("reason", "the market has not ticked yet").build();
        }
        Duration age = Duration.between(tick.timestamp(), Instant.now(clock));
        Health.Builder health = age.compareTo(stallAfter) > 0 ? Health.down().withDetail("reason", "no tick for " + age) : Health.up();
        return health.withDetail("lastTick", tick.seq()).withDetail("lastTickAt", tick.timestamp().toString()).build();
    }
}
