package com.stockticker.ops;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.stockticker.support.ServiceProcess;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as a container platform runs it: its own JVM, JSON logs on stdout, stopped with SIGTERM.
 * Clients get a clean close, and the logs hold no stack trace for a client's mistake.
 */
class ProductionRunIntegrationTest {

    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private ServiceProcess started;
    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void logsJsonAndShutsDownGracefullyOnSigterm() throws Exception {
        int port = ServiceProcess.freePort();
        started = ServiceProcess.start(port, List.of("--logging.structured.format.console=ecs"), stdout::add);
        service = started.process();
        ServiceProcess.awaitReady(port);

        try (StompClient client = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"));
                StompClient careless = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"))) {
            String prices = client.subscribe("/topic/prices");
            client.awaitMessages(prices, 2);
            careless.sendRaw("SEND\ndestination /nowhere\n\n\0");
            careless.await(frame -> frame.command().equals("ERROR"));

            service.destroy();

            // 1001 Going Away: the server said goodbye; a crash would leave 1006 (abnormal closure).
            assertThat(client.closed()).succeedsWithin(Duration.ofSeconds(30)).as(String.join("\n", stdout)).isEqualTo(1001);
        }
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // The last lines may still be in the pipe when the process has gone.
        started.awaitOutput(Duration.ofSeconds(10));
        // 143: the JVM ran its shutdown hooks on SIGTERM and exited, as a container platform expects.
        assertThat(service.exitValue()).isEqualTo(143);

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> lines = stdout.stream().filter(line -> line.startsWith("{")).map(json::readTree).toList();
        assertThat(lines).isNotEmpty();
        assertThat(stdout).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(lines).allSatisfy(line -> assertThat(line.has("@timestamp") && line.has("log") && line.has("message")).isTrue());
        assertThat(lines).extracting(line -> line.get("message").asString())
                .anyMatch(message -> message.contains("Closing a STOMP connection after a frame it could not take"));
        assertThat(lines).noneMatch(line -> line.has("error") && line.get("error").has("stack_trace"));
    }
}
