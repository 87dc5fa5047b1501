package com.stockticker.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;
import com.stockticker.support.NodeExample;
import com.stockticker.support.NodeExample.Result;
import com.stockticker.support.SessionDropper;

import static org.assertj.core.api.Assertions.assertThat;

/** The Node examples of {@code docs/protocol.md} run against a live server: quotes (resumed after a drop), and a trade. */
@LiveServerTest
class NodeExampleIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionDropper sessions;

    @BeforeAll
    static void installDependencies() throws Exception {
        NodeExample.install();
    }

    @Test
    void printsTheSnapshotAndLiveQuotes() throws Exception {
        Result result = node("quotes.mjs", "ws://localhost:" + port + "/ws", "3");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("connected to ws://localhost:" + port + "/ws");
        assertThat(result.output()).containsPattern("snapshot seq \\d+ \\S+: 20 quotes");
        assertThat(result.output().lines().filter(line -> line.startsWith("tick "))).hasSize(3);
        assertThat(result.output()).containsPattern("(?m)^[A-Z-]+ +\\d+\\.\\d\\d +[+-]\\d+\\.\\d\\d \\([+-]\\d+\\.\\d\\d%\\)  bid ");
    }

    @Test
    void resumesWithTheBatchesItMissedWhenTheServerDropsTheConnection() throws Exception {
        File output = File.createTempFile("node-example", ".log");
        ProcessBuilder quotes = new ProcessBuilder("node", "quotes.mjs", "ws://localhost:" + port + "/ws", "60")
                .directory(NodeExample.DIRECTORY.toFile()).redirectErrorStream(true).redirectOutput(output);
        quotes.environment().put("STOCKTICKER_WAIT_SECONDS", "90");
        Process process = quotes.start();
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
        Result result = node("trade.mjs", "ws://localhost:" + port + "/ws", "alice", "alice-demo", "MSFT", "3");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("order O-\\d+ node-\\d+: NEW");
        assertThat(result.output()).containsPattern("order O-\\d+ node-\\d+: FILLED at \\d+\\.\\d\\d");
        assertThat(result.output()).containsPattern("(?m)^  MSFT +\\d+ avg ");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        Result result = node("trade.mjs", "ws://localhost:" + port + "/ws", "alice", "wrong");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: STOMP ERROR frame: authentication failed");
    }

    @Test
    void failsClearlyWhenNoServerListens() throws Exception {
        Result result = node("quotes.mjs", "ws://localhost:1/ws", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("error: cannot connect to ws://localhost:1/ws");
    }

    private static Result node(String... arguments) throws IOException, InterruptedException {
        return NodeExample.node(Map.of(), arguments);
    }
}
