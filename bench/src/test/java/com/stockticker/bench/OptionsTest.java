package com.stockticker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The command line as bench/run.sh, storm.sh and compare-commits.sh give it. */
class OptionsTest {

    private static Options parse(String... args) {
        AtomicReference<Options> parsed = new AtomicReference<>();
        assertEquals(0, Options.parseAndRun(args, options -> {
            parsed.set(options);
            return 0;
        }));
        return parsed.get();
    }

    private static int exitCode(String... args) {
        return Options.parseAndRun(args, options -> 0);
    }

    @Test
    void everyOptionHasItsDefault() {
        Options o = parse();
        assertEquals(URI.create("ws://127.0.0.1:8080/ws"), o.url);
        assertEquals("server", o.label);
        assertEquals("custom", o.scenario);
        assertEquals(List.of("/topic/prices"), o.destinations);
        assertEquals(20, o.symbols.size());
        assertEquals(3, o.symbolsPerSubscriber);
        assertNull(o.sendDestination);
        assertNull(o.sendBody);
        assertEquals("application/json", o.sendContentType);
        assertEquals(1000, o.subscribers);
        assertEquals(1000, o.connectRate);
        assertEquals(1000, o.maxPending);
        assertEquals(5000, o.subscribeRate);
        assertEquals(3, o.settleSeconds);
        assertEquals(5, o.warmupSeconds);
        assertEquals(30, o.durationSeconds);
        assertEquals(20, o.sampleEvery);
        assertEquals(-1, o.publishRate);
        assertEquals(0, o.frozenPercent);
        assertEquals(4096, o.frozenReceiveBuffer);
        assertEquals("warmup", o.freezeAt);
        assertEquals(-1, o.serverPid);
        assertEquals(List.of(), o.subscribeHeaders);
        assertEquals("netty", o.transport);
        assertEquals(2, o.threads);
        assertEquals("127.0.0.1", o.stompHost);
        assertEquals(List.of("v12.stomp", "v11.stomp", "v10.stomp"), o.subprotocols);
        assertEquals(0, o.toolWarmupConnections);
        assertEquals(o.url, o.toolWarmupUrl);
        assertEquals(15, o.connectTimeoutSeconds);
        assertEquals(10, o.firstMessageTimeoutSeconds);
        assertNull(o.jsonFile);
        assertEquals(false, o.quiet || o.serverHeap || o.deflate || o.subscribeOnConnect);
    }

    @Test
    void aScenarioSetsWhatTheCommandLineLeaves() {
        Options managed = parse("--scenario", "managed");
        assertEquals(List.of("/user/queue/quotes"), managed.destinations);
        assertEquals("/app/subscriptions", managed.sendDestination);
        assertEquals("{\"action\":\"subscribe\",\"symbols\":[{SYMBOLS}],\"maxRate\":10}", managed.sendBody);

        // Before or after --scenario, an explicit option wins over the preset.
        assertEquals(List.of("/a", "/b"), parse("--dest", "/a,/b", "--scenario", "per-symbol").destinations);
        assertEquals(List.of("/a"), parse("--scenario", "per-symbol", "--dest", "/a").destinations);
        assertEquals(List.of("/topic/prices.{SYMBOL}"), parse("--scenario", "per-symbol").destinations);
    }

    @Test
    void theLastOfARepeatedOptionWins() {
        // bench/run.sh's frozen runs give --warmup twice.
        assertEquals(100, parse("--warmup", "10", "--scenario", "prices", "--warmup", "100").warmupSeconds);
    }

    @Test
    void listsAreCommaSeparatedAndMayBeEmpty() {
        Options o = parse("--subprotocols", "", "--subscribe-headers", "resume-after:1, resume-market:elsewhere",
                "--url", "ws://localhost:18087/ws");
        assertEquals(List.of(), o.subprotocols);
        assertEquals(List.of("resume-after:1", "resume-market:elsewhere"), o.subscribeHeaders);
        assertEquals("localhost", o.stompHost);
        assertEquals(URI.create("ws://localhost:18087/ws"), o.toolWarmupUrl);
    }

    @Test
    void sampleEveryIsAtLeastOne() {
        assertEquals(1, parse("--sample-every", "0").sampleEvery);
    }

    @Test
    void flagsAndShortNames() {
        Options o = parse("-n", "500", "--server-heap", "--deflate", "--subscribe-on-connect", "--quiet",
                "--freeze-at", "subscribe", "--frozen-percent", "10", "--tool-warmup", "1000", "--json", "out.json");
        assertEquals(500, o.subscribers);
        assertEquals(true, o.serverHeap && o.deflate && o.subscribeOnConnect && o.quiet);
        assertEquals("subscribe", o.freezeAt);
        assertEquals(10, o.frozenPercent);
        assertEquals(1000, o.toolWarmupConnections);
        assertEquals("out.json", o.jsonFile);
    }

    @Test
    void badOptionsExitWithTwoAndHelpWithZero() {
        assertEquals(2, exitCode("--no-such-option", "1"));
        assertEquals(2, exitCode("--duration"));
        assertEquals(2, exitCode("--duration", "soon"));
        assertEquals(2, exitCode("--scenario", "custom"));
        assertEquals(2, exitCode("--transport", "okhttp"));
        assertEquals(2, exitCode("--transport", "jdk", "--deflate"));
        assertEquals(2, exitCode("-n", "0"));
        assertEquals(2, exitCode("--freeze-at", "never"));
        assertEquals(2, exitCode("--frozen-percent", "101"));
        assertEquals(2, exitCode("positional"));
        assertEquals(0, exitCode("--help"));
    }

    @Test
    void aFailedRunExitsWithOne() {
        assertEquals(1, Options.parseAndRun(new String[0], options -> {
            throw new IllegalStateException("the run failed");
        }));
    }
}
