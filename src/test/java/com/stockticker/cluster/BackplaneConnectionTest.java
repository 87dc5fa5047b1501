package com.stockticker.cluster;

import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** What RabbitMQ's absence means to readiness: an edge is not ready without it, the core is. */
class BackplaneConnectionTest {

    // Never connects: the test plays the connection factory's events.
    private final CachingConnectionFactory connections = new CachingConnectionFactory("localhost");

    @Test
    void anEdgeIsReadyOnlyWhileConnected() {
        BackplaneConnection edge = new BackplaneConnection(connections, true);
        assertThat(edge.health().getStatus()).isEqualTo(Status.DOWN);
        edge.onCreate(null);
        assertThat(edge.isConnected()).isTrue();
        assertThat(edge.health().getStatus()).isEqualTo(Status.UP);
        edge.onShutDown(new ShutdownSignalException(true, false, null, null));
        assertThat(edge.isConnected()).isFalse();
        assertThat(edge.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(edge.health().getDetails()).containsEntry("rabbitmq", "unavailable");
    }

    @Test
    void theCoreStaysReadyAndSaysWhatIsMissing() {
        BackplaneConnection core = new BackplaneConnection(connections, false);
        core.onFailed(new java.net.ConnectException("refused"));
        assertThat(core.health().getStatus()).isEqualTo(Status.UP);
        assertThat(core.health().getDetails()).containsEntry("rabbitmq", "unavailable").containsKey("impact");
    }

    @Test
    void whatRunsOnConnectRunsBeforeAnyoneSeesTheConnection() {
        BackplaneConnection edge = new BackplaneConnection(connections, true);
        List<Boolean> seen = new ArrayList<>();
        edge.onConnect(() -> seen.add(edge.isConnected()));
        edge.onCreate(null);
        edge.onClose(null);
        edge.onCreate(null);
        assertThat(seen).containsExactly(false, false);
    }
}
