package com.stockticker.messaging;

import org.springframework.messaging.simp.config.MessageBrokerRegistry;

/** A STOMP broker outside the service that takes the embedded broker's place, when one is configured. */
public interface ExternalBroker {

    /** Enables the broker on the registry, for the same destination prefixes as the embedded broker. */
    void enable(MessageBrokerRegistry registry);
}
