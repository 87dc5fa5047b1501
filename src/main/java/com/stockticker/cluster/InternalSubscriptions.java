package com.stockticker.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Adds the {@link InternalListener}s to the relay's "system" subscriptions, next to Spring's own (the user
 * registry and unresolved user broadcasts), before the relay starts. The relay subscribes them on its one
 * connection with the system login and subscribes them again whenever it reconnects to RabbitMQ.
 */
@Component
@RelayMode
class InternalSubscriptions implements SmartInitializingSingleton {

    private final AbstractBrokerMessageHandler relay;
    private final List<InternalListener> listeners;

    InternalSubscriptions(@Qualifier("stompBrokerRelayMessageHandler") AbstractBrokerMessageHandler relay,
            List<InternalListener> listeners) {
        this.relay = relay;
        this.listeners = listeners;
    }

    @Override
    public void afterSingletonsInstantiated() {
        StompBrokerRelayMessageHandler stompRelay = (StompBrokerRelayMessageHandler) relay;
        Map<String, MessageHandler> subscriptions = new HashMap<>(stompRelay.getSystemSubscriptions());
        listeners.forEach(listener -> subscriptions.put(listener.destination(), listener));
        stompRelay.setSystemSubscriptions(subscriptions);
    }
}
