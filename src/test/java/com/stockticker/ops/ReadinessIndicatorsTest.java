package com.stockticker.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;

import com.stockticker.market.QuoteBatch;
import com.stockticker.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness goes up when the broker is available and the market ticks, and down when either stops. */
class ReadinessIndicatorsTest {

    private static final Instant START = Instant.parse("2026-01-05T15:00:00Z");

    @Test
    void theMarketIsReadyOnceItTicksAndNotOnceItStalls() {
        MutableClock clock = new MutableClock(START);
        MarketHealthIndicator market = new MarketHealthIndicator(clock, new OpsProperties(Duration.ZERO, Duration.ofSeconds(10)));
        assertThat(market.health().getStatus()).isEqualTo(Status.DOWN);

        market.ticked(new QuoteBatch(1, START, List.of()));
        assertThat(market.health().getStatus()).isEqualTo(Status.UP);
        assertThat(market.health().getDetails()).containsEntry("lastTick", 1L);

        clock.set(START.plusSeconds(11));
        assertThat(market.health().getStatus()).isEqualTo(Status.DOWN);
        market.ticked(new QuoteBatch(2, clock.instant(), List.of()));
        assertThat(market.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theBrokerIsReadyWhileItIsAvailable() {
        BrokerHealthIndicator broker = new BrokerHealthIndicator();
        assertThat(broker.health().getStatus()).isEqualTo(Status.DOWN);

        broker.availabilityChanged(new BrokerAvailabilityEvent(true, this));
        assertThat(broker.health().getStatus()).isEqualTo(Status.UP);
        broker.availabilityChanged(new BrokerAvailabilityEvent(false, this));
        assertThat(broker.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
