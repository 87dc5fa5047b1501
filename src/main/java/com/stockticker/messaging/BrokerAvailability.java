package com.stockticker.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the STOMP broker takes messages now: the embedded broker does from its start until it stops, and
 * refuses the server's own messages before and after, so publishers ask first rather than fail.
 */
@Component
public class BrokerAvailability {

    private volatile boolean available;

    @EventListener
    void availabilityChanged(BrokerAvailabilityEvent event) {
        available = event.isBrokerAvailable();
    }

    public boolean isAvailable() {
        return available;
    }
}
