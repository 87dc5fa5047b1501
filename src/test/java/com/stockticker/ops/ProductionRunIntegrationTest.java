package com.stockticker.ops;

import java.time.Duration;
import java.util.List;
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

    private ServiceProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void logsJsonAndShutsDownGracefullyOnSigterm() throws Exception {
        service = ServiceProcess.start("--spring.profiles.active=test", "--logging.structured.format.console=ecs").awaitReady();

        try (StompClient client = StompClient.connect(service.ws()); StompClient careless = StompClient.connect(service.ws())) {
            String prices = client.subscribe("/topic/prices");
            client.awaitMessages(prices, 2);
            careless.sendRaw("SEND\ndestination /nowhere\n\n\0");
            careless.await(frame -> frame.command().equals("ERROR"));

            service.process().destroy();

            // 1001 Going Away: the server said goodbye; a crash would leave 1006 (abnormal closure).
            assertThat(client.closed()).succeedsWithin(Duration.ofSeconds(30)).as(service.output()).isEqualTo(1001);
        }
        assertThat(service.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        // The last lines may still be in the pipe when the process has gone.
        service.awaitOutput();
        // 143: the JVM ran its shutdown hooks on SIGTERM and exited, as a container platform expects.
        assertThat(service.process().exitValue()).isEqualTo(143);

        JsonMapper json = JsonMapper.builder().build();
        List<String> stdout = service.stdout();
        List<JsonNode> lines = stdout.stream().filter(line -> line.startsWith("{")).map(json::readTree).toList();
        assertThat(lines).isNotEmpty();
        assertThat(stdout).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(lines).allSatisfy(line -> assertThat(line.has("@timestamp") && line.has("log") && line.has("message")).isTrue());
        assertThat(lines).extracting(line -> line.get("message").asString())
                .anyMatch(message -> message.contains("Closing a STOMP connection after a frame it could not take"));
        assertThat(lines).noneMatch(line -> line.has("error") && line.get("error").has("stack_trace"));
    }
}
