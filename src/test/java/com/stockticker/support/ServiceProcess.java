package com.stockticker.support;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.stockticker.StockTickerApplication;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, as a platform runs it, so that a test can stop it with a real signal:
 * SIGTERM ({@code destroy()}) or SIGKILL ({@code destroyForcibly()}). It runs with the test profile on the
 * test class path, on a port of the test's choosing; its output goes line by line to the test.
 */
public final class ServiceProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Thread output;

    private ServiceProcess(Process process, Thread output) {
        this.process = process;
        this.output = output;
    }

    /** @param arguments command-line arguments, e.g. {@code --ticker.role=edge} */
    public static ServiceProcess start(int port, List<String> arguments, Consumer<String> lines) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StockTickerApplication.class.getName(),
                "--spring.profiles.active=test", "--server.port=" + port));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread output = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(lines);
            }
            catch (IOException ended) {
                // The process is gone; what it printed has been handed on.
            }
        }, "service-output");
        output.setDaemon(true);
        output.start();
        return new ServiceProcess(process, output);
    }

    public Process process() {
        return process;
    }

    /** Waits until the process's last output has been handed on, after it has ended. */
    public void awaitOutput(Duration within) throws InterruptedException {
        output.join(within.toMillis());
    }

    /** Waits until the service on that port says it is ready for traffic. */
    public static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
