package com.stockticker.cluster;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stockticker.roles.ClusterEnabled;
import com.stockticker.roles.CoreRole;

/**
 * The RabbitMQ backplane, only in a cluster, on Spring Boot's RabbitMQ auto-configuration, which a single
 * instance does without (see {@link ClusterEnvironment}); Boot's own {@code rabbit} health check is always left
 * out: {@code backplane} knows what RabbitMQ means to each role.
 *
 * <p>What exists in RabbitMQ: three exchanges; the active core's request queue; and per instance a market
 * queue and a user queue. The queues are exclusive to their instance's one connection and go with it, whatever way it
 * ends; their names are the instance's, never a client's.
 */
@Configuration(proxyBeanMethods = false)
@ClusterEnabled
class BackplaneConfiguration {

    private final String instanceId = UUID.randomUUID().toString();

    @Bean
    BackplaneMessages backplaneMessages(JsonMapper json) {
        return new BackplaneMessages(json);
    }

    /** Named {@code backplane} for the readiness group. */
    @Bean("backplane")
    BackplaneConnection backplaneConnection(ConnectionFactory connections, ClusterProperties properties) {
        return new BackplaneConnection(connections, properties.role() == ClusterProperties.Role.EDGE);
    }

    // Durable, so that they stay whichever instance declared them first; they hold nothing.

    @Bean
    FanoutExchange marketExchange() {
        return new FanoutExchange(Backplane.MARKET_EXCHANGE, true, false);
    }

    @Bean
    DirectExchange userExchange() {
        return new DirectExchange(Backplane.USER_EXCHANGE, true, false);
    }

    @Bean
    DirectExchange requestExchange() {
        return new DirectExchange(Backplane.REQUEST_EXCHANGE, true, false);
    }

    /** Declared by the active core only, see {@link CoreEndpoint}. */
    @Bean
    @CoreRole
    Queue coreQueue() {
        Queue queue = new Queue(Backplane.CORE_QUEUE, false, true, true);
        queue.setShouldDeclare(false);
        return queue;
    }

    @Bean
    @CoreRole
    Binding coreBinding() {
        Binding binding = BindingBuilder.bind(coreQueue()).to(requestExchange()).with(Backplane.CORE);
        binding.setShouldDeclare(false);
        return binding;
    }

    /**
     * The newest {@code market-backlog} batches: a lagging instance loses the oldest and resyncs on the gap. Every
     * instance has one, the active core too: a core that stands down follows the new one at once.
     */
    @Bean
    Queue marketQueue(ClusterProperties properties) {
        return instanceQueue(Backplane.marketQueue(instanceId), properties.cluster().marketBacklog());
    }

    @Bean
    Binding marketBinding(ClusterProperties properties) {
        return BindingBuilder.bind(marketQueue(properties)).to(marketExchange());
    }

    /** Bound per user by {@link UserRoutes}. */
    @Bean
    Queue userQueue(ClusterProperties properties) {
        return instanceQueue(Backplane.userQueue(instanceId), properties.cluster().userBacklog());
    }

    /**
     * Non-durable, exclusive to this instance's connection and deleted with it; beyond {@code maxLength}
     * messages RabbitMQ drops the oldest.
     */
    private static Queue instanceQueue(String name, int maxLength) {
        return new Queue(name, false, true, true, Map.of("x-max-length", maxLength, "x-overflow", "drop-head"));
    }

    /** Requests to the core on RabbitMQ's direct reply-to, with a template of their own as Spring AMQP asks. */
    @Bean
    AsyncRabbitTemplate coreRequests(ConnectionFactory connections, ClusterProperties properties) {
        AsyncRabbitTemplate template = new AsyncRabbitTemplate(new RabbitTemplate(connections));
        template.setReceiveTimeout(properties.cluster().requestTimeout().toMillis());
        return template;
    }
}
