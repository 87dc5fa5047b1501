package com.stockticker.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this instance is connected to RabbitMQ now, as Spring AMQP's connection factory reports it. The
 * factory connects when the listener containers start and again, by itself, when they recover after an outage;
 * publishers ask here first, so that no thread of the market or of a client waits for a connection attempt.
 *
 * <p>Part of readiness as {@code backplane}: an edge without RabbitMQ has no prices and cannot trade, so it is
 * not ready; the core still serves its own clients fully, so it stays ready and says what is missing.
 */
class BackplaneConnection implements ConnectionListener, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(BackplaneConnection.class);

    private final boolean edge;
    private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
    private volatile boolean connected;

    BackplaneConnection(ConnectionFactory connections, boolean edge) {
        this.edge = edge;
        connections.addConnectionListener(this);
    }

    boolean isConnected() {
        return connected;
    }

    /**
     * Runs on every new connection (the first and each after an outage), on the thread that connected, before
     * {@link #isConnected()} says so.
     */
    void onConnect(Runnable task) {
        onConnect.add(task);
    }

    @Override
    public void onCreate(Connection connection) {
        onConnect.forEach(Runnable::run);
        connected = true;
        log.info("Connected to RabbitMQ");
    }

    @Override
    public void onClose(Connection connection) {
        lost("connection closed");
    }

    @Override
    public void onShutDown(ShutdownSignalException signal) {
        lost(signal.getMessage());
    }

    @Override
    public void onFailed(Exception failure) {
        lost(failure.getMessage());
    }

    private void lost(String why) {
        if (connected) {
            log.warn("Lost RabbitMQ: {}", why);
        }
        connected = false;
    }

    @Override
    public Health health() {
        if (connected) {
            return Health.up().withDetail("rabbitmq", "connected").build();
        }
        Health.Builder health = edge ? Health.down() : Health.up();
        return health.withDetail("rabbitmq", "unavailable")
                .withDetail("impact", edge ? "no prices from the core, trading answers SERVICE_UNAVAILABLE"
                        : "this core's own clients are served; edges get no prices and cannot trade")
                .build();
    }
}
