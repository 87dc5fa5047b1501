package com.stockticker.cluster;

import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import com.stockticker.leadership.CoreDuty;
import com.stockticker.leadership.CoreLeadership;
import com.stockticker.market.QuoteBook;
import com.stockticker.roles.ClusterEnabled;
import com.stockticker.roles.CoreRole;
import com.stockticker.trading.TradingService;

/**
 * The active core's side of {@link CoreClient}: takes the other instances' requests from the core's queue, one
 * at a time in the order they came (so a client's orders are placed in the order it sent them), and answers each
 * on the requester's reply-to address; Spring AMQP copies the correlation id. {@link CoreRequests} decides the
 * answer.
 *
 * <p>Only while this core is the active one: taking over declares the request queue (exclusive to this
 * instance's connection, so no other core can consume from it) and starts listening, and then lets the
 * {@link CorePublisher} publish, so that an instance that sees the new core's first batch can ask it for its
 * state. Standing down is the reverse; the queue goes, and requests that were in it time out at their senders,
 * which refuse them with {@code SERVICE_UNAVAILABLE} (a client sends them again with the same
 * {@code clientOrderId}). After a RabbitMQ outage Spring AMQP declares the queue again only on the active core.
 */
@Component
@CoreRole
@ClusterEnabled
class CoreEndpoint implements CoreDuty {

    private static final Logger log = LoggerFactory.getLogger(CoreEndpoint.class);
    static final String LISTENER = "coreRequests";

    private final CoreRequests requests;
    private final CoreLeadership leadership;
    private final CorePublisher publisher;
    private final RabbitListenerEndpointRegistry listeners;
    private final AmqpAdmin admin;
    private final Queue queue;
    private final Binding binding;

    CoreEndpoint(@Qualifier("localTrading") TradingService trading, QuoteBook book, ClusterProperties properties,
            BackplaneMessages messages, CoreLeadership leadership, CorePublisher publisher, RabbitListenerEndpointRegistry listeners,
            AmqpAdmin admin, @Qualifier("coreQueue") Queue queue, @Qualifier("coreBinding") Binding binding,
            ConnectionFactory connections) {
        // The edges' RabbitMQ users, and the cores' own: a standby core asks the active one as an edge does.
        Set<String> trusted = new HashSet<>(properties.cluster().edgeUsers());
        trusted.add(connections.getUsername());
        this.requests = new CoreRequests(trading, () -> new CoreMarket(origin(), book.state()), trusted, messages);
        this.leadership = leadership;
        this.publisher = publisher;
        this.listeners = listeners;
        this.admin = admin;
        this.queue = queue;
        this.binding = binding;
    }

    @RabbitListener(id = LISTENER, queues = Backplane.CORE_QUEUE, concurrency = "1", autoStartup = "false")
    Message handle(Message request) {
        return requests.handle(request);
    }

    @Override
    public void takeOver() {
        queue.setShouldDeclare(true);
        binding.setShouldDeclare(true);
        try {
            admin.declareQueue(queue);
            admin.declareBinding(binding);
        }
        catch (AmqpException ex) {
            // RabbitMQ is away, or the replaced core's connection still holds the queue: the listener declares it
            // again until it can.
            log.warn("Could not declare the core's request queue yet: {}", ex.getMessage());
        }
        listeners.getListenerContainer(LISTENER).start();
        publisher.open(origin());
    }

    @Override
    public void standDown() {
        publisher.close();
        listeners.getListenerContainer(LISTENER).stop();
        queue.setShouldDeclare(false);
        binding.setShouldDeclare(false);
        try {
            admin.deleteQueue(queue.getName());
        }
        catch (AmqpException ex) {
            log.debug("Could not delete the core's request queue (it goes with this instance's connection): {}", ex.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return CLUSTER;
    }

    private MarketOrigin origin() {
        return new MarketOrigin(leadership.market(), leadership.epoch(), leadership.instance());
    }
}
