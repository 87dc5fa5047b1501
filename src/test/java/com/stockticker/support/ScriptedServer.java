package com.stockticker.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server of a test class's own that a script in {@code scripts/} runs in a new directory on loopback ports
 * nobody else uses: {@code SCRIPT start DIR PORT...} before the class's tests, {@code SCRIPT stop DIR} after
 * them, and the directory deleted. Tests may stop and start it again in between, to see an outage; it keeps
 * its data and ports. Should the JVM end before the class does, a shutdown hook stops it, so that no server
 * outlives its tests.
 */
public abstract class ScriptedServer implements BeforeAllCallback, AfterAllCallback {

    private final String script;
    private final int portCount;
    private Path directory;
    private int[] ports;
    private final Thread stopOnExit = new Thread(() -> {
        try {
            stop();
        }
        catch (Exception ex) {
            // The JVM is going: nothing more to do.
        }
    });

    /**
     * @param script the script, relative to the project, e.g. {@code scripts/rabbitmq.sh}
     * @param portCount how many free ports its {@code start} takes
     */
    protected ScriptedServer(String script, int portCount) {
        this.script = script;
        this.portCount = portCount;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory(Path.of(script).getFileName().toString().replace(".sh", "-"));
        ports = freePorts(portCount);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        List<String> arguments = new ArrayList<>(List.of("start", directory.toString()));
        for (int port : ports) {
            arguments.add(String.valueOf(port));
        }
        run(arguments.toArray(String[]::new));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Stops the server, as an outage would, and returns when it has gone. */
    public void stop() throws Exception {
        run("stop", directory.toString());
    }

    /** Starts the stopped server again, with its data and ports, and returns when it takes connections. */
    public void start() throws Exception {
        run("start", directory.toString());
    }

    /** The {@code index}-th of the ports it was started on. */
    protected int port(int index) {
        return ports[index];
    }

    /** Runs {@code SCRIPT command DIR} and returns its output's non-blank lines. */
    protected List<String> lines(String command) throws Exception {
        return run(command, directory.toString()).lines().filter(line -> !line.isBlank()).toList();
    }

    private String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + String.join(" ", arguments) + " failed:\n" + output);
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
