package com.stockticker.delivery;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.stockticker.delivery.FanOutLanes.FanOutLane;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.WebSocketProperties;
import com.stockticker.ops.MessagesSentInterceptor;

/**
 * How frames reach the sockets: an outbox per session, and a broker of our own for {@code /topic/**}
 * that fans a message out to the outboxes over a few lanes. Spring's simple broker keeps the rest
 * ({@code /queue/**}, user destinations, heart-beats). The messaging package's {@code StompPipeline} puts
 * the outboxes in front of Spring's STOMP handler. Every thread of its own runs on an executor bean built with
 * Boot's builder, so that Boot's executor metrics ({@code executor.*}) show it.
 */
@Configuration(proxyBeanMethods = false)
@Import(FanOutLanes.class)
class DeliveryConfiguration {

    /** Writes for sessions that have no asynchronous send (SockJS): a client stuck on one ties up only these. */
    @Bean
    ThreadPoolTaskExecutor outboxBlockingWrites(ThreadPoolTaskExecutorBuilder builder) {
        return threads(builder, "ws-blocking-write-", 4);
    }

    /** Closes, which can block on a stuck socket, away from the threads that send. */
    @Bean
    ThreadPoolTaskExecutor outboxCloses(ThreadPoolTaskExecutorBuilder builder) {
        return threads(builder, "ws-close-", 2);
    }

    private static ThreadPoolTaskExecutor threads(ThreadPoolTaskExecutorBuilder builder, String prefix, int threads) {
        return builder.threadNamePrefix(prefix).corePoolSize(threads).maxPoolSize(threads).allowCoreThreadTimeOut(true)
                .queueCapacity(Integer.MAX_VALUE)
                // Until the beans are destroyed: the graceful disconnect closes every session after the context has
                // begun to close.
                .acceptTasksAfterContextClose(true)
                .build();
    }

    @Bean
    SessionOutboxes sessionOutboxes() {
        return new SessionOutboxes();
    }

    @Bean
    OutboxCloser outboxCloser(SessionOutboxes outboxes, @Qualifier("outboxCloses") Executor closes, MeterRegistry registry) {
        return new OutboxCloser(outboxes, closes, registry);
    }

    @Bean
    OutboxDecoratorFactory outboxDecoratorFactory(WebSocketProperties properties, SessionOutboxes outboxes,
            OutboxCloser closer, @Qualifier("outboxBlockingWrites") Executor blockingWrites, List<FanOutLane> lanes) {
        return new OutboxDecoratorFactory(outboxes, OutboxLimits.from(properties), closer, blockingWrites, lanes.size());
    }

    /**
     * On every instance, in every mode: RabbitMQ only carries one copy of each batch to each instance.
     *
     * @param clientInboundChannel Spring's channels, by their names, which is the only way Spring offers to put a
     *     broker of one's own on them (its own brokers get them so): three beans of one type
     */
    @Bean
    TopicBroker topicBroker(@Qualifier("clientInboundChannel") AbstractSubscribableChannel clientInboundChannel,
            @Qualifier("clientOutboundChannel") AbstractSubscribableChannel clientOutboundChannel,
            @Qualifier("brokerChannel") AbstractSubscribableChannel brokerChannel, SessionOutboxes outboxes,
            List<FanOutLane> lanes, MeterRegistry registry, List<ResumableTopic> resumableTopics,
            SimpMessagingTemplate messaging, Clock clock) {
        Counter delivered = Counter.builder(MessagesSentInterceptor.MESSAGES_SENT)
                .description(MessagesSentInterceptor.MESSAGES_SENT_DESCRIPTION).register(registry);
        Counter dropped = Counter.builder("ticker.stomp.messages.dropped")
                .description("Topic messages not delivered because the server fell behind; clients resync on the gap")
                .register(registry);
        TopicBroker broker = new TopicBroker(clientInboundChannel, clientOutboundChannel, brokerChannel,
                Destinations.TOPIC_PREFIX + "/", outboxes, List.copyOf(lanes), delivered, dropped, resumableTopics,
                messaging.getMessageConverter(), clock, registry);
        // Started and stopped with Spring's own brokers.
        broker.setPhase(0);
        return broker;
    }
}
