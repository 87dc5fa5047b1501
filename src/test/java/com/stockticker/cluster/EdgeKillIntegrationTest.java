package com.stockticker.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.support.RabbitMq;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.ServiceProcess;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An edge in a process of its own, killed with SIGKILL: it closes nothing and says goodbye to nobody, and still
 * leaves nothing behind in RabbitMQ, because everything it had there was exclusive to its connection.
 */
@Tag("rabbitmq")
class EdgeKillIntegrationTest {

    @RegisterExtension
    static final RabbitMq rabbit = new RabbitMq();

    private ServiceInstance core;
    private Process edge;
    private List<String> queuesWithoutEdge = List.of();
    private final Set<String> edgeQueueNames = new HashSet<>();

    @AfterEach
    void stop() {
        if (edge != null) {
            edge.destroyForcibly();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void anEdgeKilledWithSigkillLeavesNothingInRabbitMq() throws Exception {
        core = ServiceInstance.start(rabbit.clusterProperties("core"));
        List<String> coreOnly = rabbit.connections();
        queuesWithoutEdge = rabbit.queues().stream().map(line -> line.split("\t")[0]).toList();
        List<String> arguments = java.util.stream.Stream.concat(java.util.stream.Stream.of("spring.profiles.active=test"),
                rabbit.clusterProperties("edge").stream()).map(property -> "--" + property).toList();
        ServiceProcess started = ServiceProcess.start(arguments.toArray(String[]::new)).awaitReady();
        edge = started.process();

        try (StompClient client = StompClient.connect(started.ws(),
                Map.of("login", "cluster-1", "passcode", "alice-demo"))) {
            client.awaitMessages(client.subscribe("/topic/prices"), 1);
            await().atMost(RabbitMq.CTL_TIMEOUT).untilAsserted(() -> {
                assertThat(edgeQueues()).hasSize(2);
                edgeQueueNames.addAll(edgeQueues());
                assertThat(rabbit.bindings()).anyMatch(binding -> binding.startsWith("ticker.users\t") && binding.endsWith("\tcluster-1"));
            });
            assertThat(rabbit.connections()).hasSize(coreOnly.size() + 1);

            edge.destroyForcibly();
            assertThat(edge.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // 137: killed by SIGKILL, no shutdown hook ran.
            assertThat(edge.exitValue()).isEqualTo(137);
        }

        await().atMost(RabbitMq.CTL_TIMEOUT).untilAsserted(() -> {
            assertThat(rabbit.connections()).containsExactlyInAnyOrderElementsOf(coreOnly);
            assertThat(edgeQueues()).isEmpty();
            assertThat(rabbit.queues().stream().map(line -> line.split("\t")[0]).toList())
                    .containsExactlyInAnyOrderElementsOf(queuesWithoutEdge);
            assertThat(rabbit.bindings()).noneMatch(binding -> edgeQueueNames.stream().anyMatch(binding::contains));
        });
        assertThat(core.readiness()).isEqualTo(200);
    }

    /** The instances' queues that were not there before the edge started: the core has its own too. */
    private List<String> edgeQueues() throws Exception {
        return rabbit.queues().stream().map(line -> line.split("\t")[0])
                .filter(name -> name.startsWith("ticker.instance.") && !queuesWithoutEdge.contains(name)).toList();
    }
}
