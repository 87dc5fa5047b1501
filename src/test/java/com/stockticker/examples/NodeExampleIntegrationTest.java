package com.stockticker.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.SessionDropper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Node examples of {@code docs/protocol.md} run against a live server: quotes (resumed after a drop), and a trade. */
@LiveServerTest
@Import(SessionDropper.class)
class NodeExampleIntegrationTest {

    private static final Path EXAMPLE = Path.of("examples", "node");

    @LocalServerPort
    int port;

    @Autowired
    SessionDropper sessions;

    @BeforeAll
    static void installDependencies() throws Exception {
        // .ci/run installs Node.js; a machine with only a JDK skips this test rather than fail it.
        assumeTrue(run(List.of("node", "--version"), Path.of(".")).exitCode() == 0, "Node.js is not installed");
        if (!Files.isDirectory(EXAMPLE.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), EXAMPLE);
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
    }

    @Test
    void printsTheSnapshotAndLiveQuotes() throws Exception {
        Result result = run(List.of("node", "quotes.mjs", "ws://localhost:" + port + "/ws", "3"), EXAMPLE);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("connected to ws://localhost:" + port + "/ws");
        assertThat(result.output()).containsPattern("snapshot seq \\d+ \\S+: 20 quotes");
        assertThat(result.output().lines().filter(line -> line.startsWith("tick "))).hasSize(3);
        assertThat(result.output()).containsPattern("(?m)^[A-Z-]+ +\\d+\\.\\d\\d +[+-]\\d+\\.\\d\\d \\([+-]\\d+\\.\\d\\d%\\)  bid ");
    }

    @Test
    void resumesWithTheBatchesItMissedWhenTheServerDropsTheConnection() throws Exception {
        File output = File.createTempFile("node-example", ".log");
        Process process = new ProcessBuilder("node", "quotes.mjs", "ws://localhost:" + port + "/ws", "60")
                .directory(EXAMPLE.toFile()).redirectErrorStream(true).redirectOutput(output).start();
        try {
            Awaitility.await().atMost(Duration.ofMinutes(1))
                    .until(() -> ticks(Files.readString(output.toPath(), StandardCharsets.UTF_8)).size() >= 5);
            assertThat(sessions.dropAll()).isPositive();

            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String printed = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            assertThat(printed).contains("reconnecting to resume after seq").containsPattern("resumed after seq \\d+");
            assertThat(printed.lines().filter(line -> line.startsWith("snapshot seq"))).as("one snapshot, at the start").hasSize(1);
            List<Long> ticks = ticks(printed);
            assertThat(ticks).hasSize(60);
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(ticks.get(i)).as("every batch once, in order, across the reconnect").isEqualTo(ticks.get(i - 1) + 1);
            }
        }
        finally {
            process.destroyForcibly();
            Files.deleteIfExists(output.toPath());
        }
    }

    private static List<Long> ticks(String output) {
        return output.lines().filter(line -> line.startsWith("tick ")).map(line -> Long.parseLong(line.split(" ")[1])).toList();
    }

    @Test
    void tradesAsALoggedInUser() throws Exception {
        Result result = run(List.of("node", "trade.mjs", "ws://localhost:" + port + "/ws", "alice", "alice-demo", "MSFT", "3"), EXAMPLE);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("order O-\\d+ node-\\d+: NEW");
        assertThat(result.output()).containsPattern("order O-\\d+ node-\\d+: FILLED at \\d+\\.\\d\\d");
        assertThat(result.output()).containsPattern("(?m)^  MSFT +\\d+ avg ");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        Result result = run(List.of("node", "trade.mjs", "ws://localhost:" + port + "/ws", "alice", "wrong"), EXAMPLE);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: STOMP ERROR frame: authentication failed");
    }

    @Test
    void failsClearlyWhenNoServerListens() throws Exception {
        Result result = run(List.of("node", "quotes.mjs", "ws://localhost:1/ws", "1"), EXAMPLE);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: cannot connect to ws://localhost:1/ws");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        File output = File.createTempFile("node-example", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output).start();
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
