package com.stockticker.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java example of {@code docs/protocol.md} runs against a live server and prints quotes. */
@LiveServerTest
class JavaClientExampleIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void printsTheSnapshotAndLiveQuotes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // Patient: a busy machine must not fail a test that checks what the example prints.
        JavaClientExample.run("ws://localhost:" + port + "/ws", 3, Duration.ofMinutes(2), new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).containsPattern("snapshot seq \\d+: 20 quotes");
        assertThat(output.lines().filter(line -> line.startsWith("tick "))).hasSize(3);
        assertThat(output.lines().filter(line -> !line.startsWith("tick ") && !line.startsWith("snapshot ")))
                .isNotEmpty()
                .allMatch(line -> line.matches("[A-Z-]+ +\\d+\\.\\d\\d +[+-]\\d+\\.\\d\\d  bid \\d+\\.\\d\\d ask \\d+\\.\\d\\d"), "a quote line");
        assertThat(output).doesNotContain("server error");
    }
}
