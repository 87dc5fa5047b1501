package com.stockticker.support;

import java.util.List;

/**
 * A RabbitMQ of a test class's own, on loopback ports nobody else uses: started with
 * {@code scripts/rabbitmq.sh} before the class's tests and stopped after them. Its users are the ones the
 * script makes, as README.md describes them for production. Tests may stop and start it again in between, to
 * see an outage; it keeps its data and ports.
 *
 * <pre>{@code @RegisterExtension static final RabbitMq rabbit = new RabbitMq();}</pre>
 */
public final class RabbitMq extends ScriptedServer {

    /**
     * How long to await a condition read with {@code rabbitmqctl}: each call starts an Erlang VM, which takes
     * seconds on a busy machine.
     */
    public static final java.time.Duration CTL_TIMEOUT = java.time.Duration.ofSeconds(60);

    public static final String CORE_USER = "ticker-core";
    public static final String CORE_PASSWORD = "ticker-core-secret";
    public static final String EDGE_USER = "ticker-edge";
    public static final String EDGE_PASSWORD = "ticker-edge-secret";

    public RabbitMq() {
        super("scripts/rabbitmq.sh", 2);
    }

    /** The broker's queues, as {@code rabbitmqctl list_queues} shows them: name, durable, auto-delete, exclusive, messages. */
    public List<String> queues() throws Exception {
        return lines("queues");
    }

    /** The broker's bindings: source exchange, destination queue, routing key. */
    public List<String> bindings() throws Exception {
        return lines("bindings");
    }

    /** The broker's client connections: user, peer port. */
    public List<String> connections() throws Exception {
        return lines("connections");
    }

    public int amqpPort() {
        return port(0);
    }

    /** The properties of a cluster instance on this broker, with the RabbitMQ user of its role. */
    public List<String> clusterProperties(String role) {
        boolean core = role.equals("core");
        return List.of("ticker.role=" + role, "ticker.cluster.enabled=true", "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + port(0), "spring.rabbitmq.username=" + (core ? CORE_USER : EDGE_USER),
                "spring.rabbitmq.password=" + (core ? CORE_PASSWORD : EDGE_PASSWORD));
    }
}
