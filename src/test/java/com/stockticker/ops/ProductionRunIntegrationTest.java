package com.stockticker.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.stockticker.StockTickerApplication;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a container platform runs it: its own JVM, JSON logs on stdout, stopped with SIGTERM.
 * Clients get a clean close, and the logs hold no stack trace for a client's mistake.
 */
class ProductionRunIntegrationTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private Process service;
    private Thread stdoutReader;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void logsJsonAndShutsDownGracefullyOnSigterm() throws Exception {
        int port = freePort();
        service = start(port, "--logging.structured.format.console=ecs");
        awaitReady(port);

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
        stdoutReader.join(Duration.ofSeconds(10).toMillis());
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

    private Process start(int port, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StockTickerApplication.class.getName(),
                "--spring.profiles.active=test", "--server.port=" + port));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        stdoutReader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(stdout::add);
            }
            catch (IOException ended) {
                // The process is gone; what it printed is kept.
            }
        }, "service-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
        return process;
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
