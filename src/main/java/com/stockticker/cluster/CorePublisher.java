package com.stockticker.cluster;

import java.util.Map;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBatch;
import com.stockticker.messaging.Destinations;
import com.stockticker.roles.ClusterEnabled;
import com.stockticker.roles.CoreRole;
import com.stockticker.trading.OrderUpdated;
import com.stockticker.trading.PortfolioUpdated;

/**
 * Publishes what the active core's market and desk do, for the other instances: each market batch once, to
 * every instance's market queue (with the {@link MarketOrigin} it belongs to), and each event of a user once,
 * to the instances that hold a session of that user (the routing key is the user name). The core's own clients
 * get all of it locally, whether RabbitMQ is there or not. It publishes from when {@link CoreEndpoint} has
 * taken over until it stands down: a standby core publishes nothing.
 *
 * <p>Publishing happens on a thread of its own, so that the market's ticker and the desk never wait for
 * RabbitMQ. What cannot be published (RabbitMQ away, or this thread {@link #BACKLOG} messages behind) is
 * dropped and counted, not kept: edges take the core's state again when batches are missing, and users' next
 * snapshot or portfolio update brings them up to date.
 */
@Component
@CoreRole
@ClusterEnabled
class CorePublisher {

    private static final Logger log = LoggerFactory.getLogger(CorePublisher.class);
    private static final String THREAD = "corePublisherThread";
    static final int BACKLOG = 1000;

    private final RabbitTemplate rabbit;
    private final BackplaneMessages messages;
    private final BackplaneConnection connection;
    private final Counter dropped;
    private final Executor thread;
    /** While this instance is the active core: where its batches come from; {@code null} otherwise. */
    private volatile MarketOrigin origin;

    CorePublisher(RabbitTemplate rabbit, BackplaneMessages messages, BackplaneConnection connection, MeterRegistry registry,
            @Qualifier(THREAD) Executor thread) {
        this.rabbit = rabbit;
        this.messages = messages;
        this.connection = connection;
        this.dropped = Counter.builder("ticker.backplane.dropped")
                .description("Market batches and user events the core could not publish on RabbitMQ").register(registry);
        this.thread = thread;
    }

    void open(MarketOrigin origin) {
        this.origin = origin;
    }

    void close() {
        this.origin = null;
    }

    @EventListener
    void batch(QuoteBatch batch) {
        MarketOrigin from = origin;
        if (from != null) {
            publish(Backplane.MARKET_EXCHANGE, "", batch, Backplane.headers(from));
        }
    }

    @EventListener
    void orderUpdated(OrderUpdated update) {
        publish(Backplane.USER_EXCHANGE, update.username(), update.order(), Map.of(Backplane.DESTINATION, Destinations.USER_ORDERS));
    }

    @EventListener
    void portfolioUpdated(PortfolioUpdated update) {
        publish(Backplane.USER_EXCHANGE, update.username(), update.portfolio(),
                Map.of(Backplane.DESTINATION, Destinations.USER_PORTFOLIO));
    }

    private void publish(String exchange, String routingKey, Object body, Map<String, String> headers) {
        if (origin == null) {
            return;
        }
        if (!connection.isConnected()) {
            dropped.increment();
            return;
        }
        try {
            thread.execute(() -> send(exchange, routingKey, messages.write(body, headers)));
        }
        catch (TaskRejectedException ex) {
            dropped.increment();
        }
    }

    private void send(String exchange, String routingKey, Message message) {
        try {
            rabbit.send(exchange, routingKey, message);
        }
        catch (AmqpException ex) {
            log.debug("Not published to {}: {}", exchange, ex.getMessage());
            dropped.increment();
        }
    }

    /**
     * The thread that publishes, at most {@link #BACKLOG} messages behind.
     * A bean built with Boot's builder, so that Boot's executor metrics show it.
     */
    @Bean(THREAD)
    static ThreadPoolTaskExecutor corePublisherThread(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("core-publisher-").corePoolSize(1).maxPoolSize(1)
                .allowCoreThreadTimeOut(false).queueCapacity(BACKLOG).acceptTasksAfterContextClose(true).build();
    }
}
