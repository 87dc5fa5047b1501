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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.core.ConditionTimeoutException;

import com.stockticker.StockTickerApplication;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, as a container platform runs it, with what it prints kept: a test can stop
 * it with SIGTERM ({@link #process()}{@code .destroy()}) or kill it with SIGKILL ({@link #kill()}).
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * A bound against a service that never gets ready, not a measure of speed: with the suite's other JVMs and a
     * browser on two cores, a start took 72 s here once, and more than
     * three minutes on a machine busy with other builds (FailoverIntegrationTest, load average 30).
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final Thread stdoutReader;

    private ServiceProcess(int port, List<String> arguments) throws IOException {
        this.port = port;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StockTickerApplication.class.getName(), "--server.port=" + port));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        stdoutReader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(stdout::add);
            }
            catch (IOException | java.io.UncheckedIOException ended) {
                // The process is gone (a kill closes the pipe under the reader); what it printed is kept.
            }
        }, "service-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
    }

    /** Starts the service on a free port with these command-line arguments ({@code --key=value}). */
    public static ServiceProcess start(String... arguments) throws IOException {
        return new ServiceProcess(freePort(), List.of(arguments));
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public URI ws() {
        return URI.create("ws://localhost:" + port + "/ws");
    }

    /** Everything the service printed so far; after it exited, wait for {@link #awaitOutput()} first. */
    public List<String> stdout() {
        return stdout;
    }

    public String output() {
        return String.join("\n", stdout);
    }

    /** Waits until the last lines the process printed have been read. */
    public void awaitOutput() throws InterruptedException {
        stdoutReader.join(Duration.ofSeconds(10).toMillis());
    }

    public ServiceProcess awaitReady() {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .failFast("the service exited:\n" + output(), () -> !process.isAlive())
                    .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
        }
        catch (ConditionTimeoutException notReady) {
            // Whoever called this has no reference to close yet (start(...).awaitReady()): the process would outlive the test.
            process.destroyForcibly();
            throw new AssertionError("The service was not ready within " + START_TIMEOUT + "; it printed:\n" + output(), notReady);
        }
        return this;
    }

    /** GET, as {@code username} (password {@code alice-demo}, as every test account has) unless it is null. */
    public HttpResponse<String> get(String path, String username) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":alice-demo").getBytes()));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
