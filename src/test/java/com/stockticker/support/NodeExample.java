package com.stockticker.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Node examples of {@code examples/node}, run as a user runs them: {@code node quotes.mjs URL COUNT}. */
public final class NodeExample {

    public static final Path DIRECTORY = Path.of("examples", "node");

    private NodeExample() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Skips the calling test class on a machine without Node.js (.ci/run installs it), else installs the packages once. */
    public static void install() throws IOException, InterruptedException {
        // A machine with only a JDK skips these tests rather than fail them.
        assumeTrue(run(List.of("node", "--version"), Path.of("."), Map.of()).exitCode() == 0, "Node.js is not installed");
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), DIRECTORY, Map.of());
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
    }

    /**
     * Runs {@code node} with these arguments in the examples' directory, and what it printed (stdout and stderr).
     * The scripts wait 90 s instead of their 10 s for a connection or a fill: a busy machine must not fail a test
     * that only checks what they print.
     */
    public static Result node(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(arguments));
        Map<String, String> patient = new HashMap<>(Map.of("STOCKTICKER_WAIT_SECONDS", "90"));
        patient.putAll(environment);
        return run(command, DIRECTORY, patient);
    }

    private static Result run(List<String> command, Path directory, Map<String, String> environment)
            throws IOException, InterruptedException {
        File output = File.createTempFile("node-example", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        }
        catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
