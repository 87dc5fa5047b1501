package com.stockticker.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.WebSocketProperties;
import com.stockticker.ops.OutboundMessageCounter;

/**
 * How frames reach the sockets: an outbox per session, and a broker of our own for {@code /topic/**}
 * that fans a message out to the outboxes. Spring's simple broker keeps the rest ({@code /queue/**},
 * user destinations, heart-beats).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration implements WebSocketMessageBrokerConfigurer {

    private final SessionOutboxes outboxes;

    DeliveryConfiguration(WebSocketProperties properties, MeterRegistry registry) {
        this.outboxes = new SessionOutboxes(properties, registry);
    }

    @Bean
    SessionOutboxes sessionOutboxes() {
        return outboxes;
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(outboxes);
    }

    /** On every instance, in every mode: RabbitMQ only carries one copy of each batch to each instance. */
    @Bean
    TopicBroker topicBroker(@Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
            @Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel,
            @Qualifier("brokerChannel") AbstractSubscribableChannel brokerChannel, MeterRegistry registry,
            ObjectProvider<ResumableTopic> resumableTopics, Clock clock) {
        Counter delivered = Counter.builder(OutboundMessageCounter.MESSAGES_SENT)
                .description(OutboundMessageCounter.MESSAGES_SENT_DESCRIPTION).register(registry);
        Counter dropped = Counter.builder("ticker.stomp.messages.dropped")
                .description("Topic messages not delivered because the server fell behind; clients resync on the gap")
                .register(registry);
        TopicBroker broker = new TopicBroker(clientInboundChannel, clientOutboundChannel, brokerChannel,
                Destinations.TOPIC_PREFIX + "/", outboxes, delivered, dropped, resumableTopics, clock,
                registry);
        // Started and stopped with Spring's own brokers.
        broker.setPhase(0);
        return broker;
    }
}
