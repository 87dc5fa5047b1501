package com.stockticker.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the STOMP broker takes messages now. The embedded broker does from its start on; a relay to
 * RabbitMQ only while its connection is up, and refuses the server's own messages otherwise, so publishers
 * ask first rather than fail.
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
