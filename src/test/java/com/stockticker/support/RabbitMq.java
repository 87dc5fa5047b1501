package com.stockticker.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A RabbitMQ of a test class's own, on loopback ports nobody else uses: started with
 * {@code scripts/rabbitmq.sh} before the class's tests and stopped after them. Its users are the ones the
 * script makes, as README.md describes them for production. Tests may stop and start it again in between, to
 * see an outage; it keeps its data and ports.
 *
 * <pre>{@code @RegisterExtension static final RabbitMq rabbit = new RabbitMq();}</pre>
 */
public final class RabbitMq implements BeforeAllCallback, AfterAllCallback {

    /**
     * How long to await a condition read with {@code rabbitmqctl}: each call starts an Erlang VM, which takes
     * seconds on a busy machine.
     */
    public static final java.time.Duration CTL_TIMEOUT = java.time.Duration.ofSeconds(60);

    public static final String CORE_USER = "ticker-core";
    public static final String CORE_PASSWORD = "ticker-core-secret";
    public static final String EDGE_USER = "ticker-edge";
    public static final String EDGE_PASSWORD = "ticker-edge-secret";

    private Path directory;
    private int amqpPort;
    // Stops the broker should the JVM end before afterAll, so that no RabbitMQ outlives its tests.
    private final Thread stopOnExit = new Thread(() -> {
        try {
            stop();
        }
        catch (Exception ex) {
            // The JVM is going: nothing more to do.
        }
    });

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("rabbitmq-");
        int[] ports = freePorts(2);
        amqpPort = ports[0];
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        script("start", directory.toString(), String.valueOf(ports[0]), String.valueOf(ports[1]));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Stops the broker, as an outage would, and returns when it has gone. */
    public void stop() throws Exception {
        script("stop", directory.toString());
    }

    /** Starts the stopped broker again, with its data and ports, and returns when it takes connections. */
    public void start() throws Exception {
        script("start", directory.toString());
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
        return amqpPort;
    }

    /** The properties of a cluster instance on this broker, with the RabbitMQ user of its role. */
    public List<String> clusterProperties(String role) {
        boolean core = role.equals("core");
        return List.of("ticker.role=" + role, "ticker.cluster.enabled=true", "spring.rabbitmq.host=127.0.0.1",
                "spring.rabbitmq.port=" + amqpPort, "spring.rabbitmq.username=" + (core ? CORE_USER : EDGE_USER),
                "spring.rabbitmq.password=" + (core ? CORE_PASSWORD : EDGE_PASSWORD));
    }

    private List<String> lines(String command) throws Exception {
        return script(command, directory.toString()).lines().filter(line -> !line.isBlank()).toList();
    }

    private static String script(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/rabbitmq.sh"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("scripts/rabbitmq.sh " + String.join(" ", arguments) + " failed:\n" + output);
        }
        return output;
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        }
        finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
