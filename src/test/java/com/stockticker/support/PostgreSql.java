package com.stockticker.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL of a test class's own, on a loopback port nobody else uses: started with {@code scripts/postgresql.sh}
 * before the class's tests and stopped after them. Each test takes a new database of it ({@link #newDatabase()}).
 * Tests may stop and start it again in between, to see an outage; it keeps its data and port.
 *
 * <pre>{@code @RegisterExtension static final PostgreSql postgres = new PostgreSql();}</pre>
 */
public final class PostgreSql implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger databases = new AtomicInteger();
    private Path directory;
    private int port;
    // Stops the server should the JVM end before afterAll, so that no PostgreSQL outlives its tests.
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
        directory = Files.createTempDirectory("postgresql-");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        script("start", directory.toString(), String.valueOf(port));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The JDBC URL of a new, empty database on this server (user {@code postgres}, no password). */
    public String newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (TestDatabase server = TestDatabase.at(url("postgres"), "postgres")) {
            server.jdbc().execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Stops the server, as an outage would, and returns when it has gone. */
    public void stop() throws Exception {
        script("stop", directory.toString());
    }

    /** Starts the stopped server again, with its data and port, and returns when it takes connections. */
    public void start() throws Exception {
        script("start", directory.toString());
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void script(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/postgresql.sh"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("scripts/postgresql.sh " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
