package com.stockticker.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ExternalBroker;

/**
 * RabbitMQ's STOMP plugin in place of the embedded broker, through Spring's STOMP broker relay. Each client
 * connection gets a RabbitMQ connection of its own, logged in as the client user; the service publishes over
 * one "system" connection. Clients keep every destination name: {@code /topic/prices.AAPL} is the routing key
 * {@code prices.AAPL} on RabbitMQ's {@code amq.topic} exchange, which matches exactly as the simple broker
 * does; user destinations are resolved per session as with the simple broker and land on
 * {@link Destinations#RELAY_QUEUE_PREFIX}.
 */
class RabbitRelay implements ExternalBroker {

    private static final Logger log = LoggerFactory.getLogger(RabbitRelay.class);

    private final ClusterProperties.Relay relay;

    RabbitRelay(ClusterProperties.Relay relay) {
        this.relay = relay;
        if (relay.clientLogin().equals(relay.systemLogin())) {
            log.warn("ticker.broker.relay.client-login is the system login '{}': client connections could publish "
                    + "prices if a client frame ever got past the service's checks; give them a RabbitMQ user that may "
                    + "not publish (README.md, \"Scale out\")", relay.systemLogin());
        }
    }

    @Override
    public void enable(MessageBrokerRegistry registry) {
        registry.enableStompBrokerRelay(Destinations.TOPIC_PREFIX + "/", Destinations.RELAY_QUEUE_PREFIX)
                .setRelayHost(relay.host())
                .setRelayPort(relay.port())
                .setVirtualHost(relay.virtualHost())
                .setSystemLogin(relay.systemLogin())
                .setSystemPasscode(relay.systemPasscode())
                .setClientLogin(relay.clientLogin())
                .setClientPasscode(relay.clientPasscode())
                .setSystemHeartbeatSendInterval(relay.systemHeartbeat().send().toMillis())
                .setSystemHeartbeatReceiveInterval(relay.systemHeartbeat().receive().toMillis())
                // A message to a user whose sessions this instance does not know goes to every instance...
                .setUserDestinationBroadcast(Destinations.USER_DESTINATION_BROADCAST)
                // ...and each instance tells the others which users and sessions it holds.
                .setUserRegistryBroadcast(Destinations.USER_REGISTRY_BROADCAST);
        registry.configureBrokerChannel().interceptors(new SessionQueues());
    }

    /**
     * Moves resolved user destinations ({@code /queue/orders-user{session}}), both the sessions' SUBSCRIBEs and
     * the messages sent to them, from RabbitMQ's {@code /queue/}, where each would be a queue that outlives its
     * session, to the direct exchange, where a subscription's queue goes with the subscription.
     */
    static final class SessionQueues implements ChannelInterceptor {

        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
            if (destination == null || !destination.startsWith(Destinations.QUEUE_PREFIX + "/")) {
                return message;
            }
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
            headers.setDestination(Destinations.RELAY_QUEUE_PREFIX + destination.substring(Destinations.QUEUE_PREFIX.length() + 1));
            return MessageBuilder.createMessage(message.getPayload(), headers.getMessageHeaders());
        }
    }
}
