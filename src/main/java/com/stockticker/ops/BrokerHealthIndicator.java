package com.stockticker.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: the STOMP broker must be available, which the embedded broker is from its start until
 * the instance stops. The contributor's name is {@code stompBroker}.
 */
@Component("stompBroker")
class BrokerHealthIndicator implements HealthIndicator {

    private volatile boolean available;

    @EventListener
    void availabilityChanged(BrokerAvailabilityEvent event) {
        available = event.isBrokerAvailable();
    }

    @Override
    public Health health() {
        return available ? Health.up().build() : Health.down().withDetail("reason", "the STOMP broker is not available").build();
    }
}
