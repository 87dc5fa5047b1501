package com.stockticker.cluster;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What this instance does ({@code ticker.role}) and whether it shares a market with other instances through
 * RabbitMQ ({@code ticker.cluster.*}). RabbitMQ's address and login are Spring Boot's own {@code spring.rabbitmq.*}.
 *
 * @param role {@code core}: runs the market and paper trading, and serves clients; a single instance is a
 *     core. On PostgreSQL, several cores of a cluster elect the active one and the others stand by (see
 *     {@code leadership}); on the embedded database run exactly one. {@code edge}: serves clients only, with the
 *     active core's prices and trading through RabbitMQ; needs {@code ticker.cluster.enabled=true}
 * @param cluster the RabbitMQ backplane between instances
 */
@ConfigurationProperties("ticker")
@Validated
record ClusterProperties(
        @DefaultValue("core") @NotNull Role role,
        @DefaultValue @Valid Cluster cluster) {

    /** Also checked before the context starts (see {@link ClusterEnvironment}); this keeps the binding honest. */
    @AssertTrue(message = ClusterEnvironment.EDGE_NEEDS_CLUSTER)
    public boolean isEdgeInCluster() {
        return role != Role.EDGE || cluster == null || cluster.enabled();
    }

    public enum Role {
        CORE, EDGE
    }

    /**
     * @param enabled whether this instance is part of a cluster: a core publishes its market and its users'
     *     events on RabbitMQ and answers edges' requests; an edge needs it. Off by default: a single instance
     *     needs no RabbitMQ and never connects to one
     * @param requestTimeout how long an edge waits for the core to answer a request (an order, a trading
     *     snapshot, the market's state) before it tells the client that the service is unavailable
     * @param edgeUsers the RabbitMQ users whose requests the core accepts: the edges' own (and always the core's
     *     own user, for standby cores). RabbitMQ vouches for the user of each request (the AMQP {@code user_id} property, checked against the connection's login);
     *     the user name a request carries is trusted because of it
     * @param marketBacklog the batches an instance's market queue keeps when the instance falls behind; RabbitMQ
     *     drops the oldest beyond it, and the instance takes the core's state again on the gap
     * @param userBacklog the user events an instance's user queue keeps when the instance falls behind; RabbitMQ
     *     drops the oldest beyond it (the next portfolio update or a snapshot brings the user up to date)
     */
    public record Cluster(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("5s") @NotNull Duration requestTimeout,
            @DefaultValue("ticker-edge") @NotEmpty List<String> edgeUsers,
            @DefaultValue("100") @Positive @Max(100_000) int marketBacklog,
            @DefaultValue("10000") @Positive @Max(1_000_000) int userBacklog) {

        @AssertTrue(message = "ticker.cluster.request-timeout must be between 100ms and 1m")
        public boolean isRequestTimeoutInRange() {
            return requestTimeout == null || (requestTimeout.compareTo(Duration.ofMillis(100)) >= 0
                    && requestTimeout.compareTo(Duration.ofMinutes(1)) <= 0);
        }
    }
}
