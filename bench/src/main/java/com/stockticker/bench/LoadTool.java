package com.stockticker.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.stockticker.bench.Timeline.Phase;

/**
 * The fan-out benchmark: N STOMP-over-WebSocket subscribers taken through the phases of docs/performance.md,
 * "Method" ({@link #run}): ramp, idle footprint, subscribe, warm-up, window, footprint under load, teardown. Prints a
 * table and writes JSON. The options: {@link Options}. Each phase is numbered as in bench/README.md.
 */
public final class LoadTool {

    private final Options options;
    private final Transport transport;
    private final Measurements measurements = new Measurements();
    private final Subscriber[] subscribers;
    private final LatencyWindow latency = new LatencyWindow(measurements.latency);
    private final Timeline timeline;

    private LoadTool(Options options) {
        this.options = options;
        this.subscribers = new Subscriber[options.subscribers];
        this.timeline = new Timeline(subscribers, latency, options.quiet); // the run's clock starts here
        this.transport = options.transport.equals("jdk") ? new JdkTransport(options) : new NettyTransport(options);
    }

    /** Exit code 0, 3 if no subscriber connected, 2 for bad options, 1 if the run failed. */
    public static void main(String[] args) {
        System.exit(Options.parseAndRun(args, options -> new LoadTool(options).run()));
    }

    private int run() throws IOException {
        Report report = new Report(options, transport.describe());
        timeline.start();
        ServerFootprint before = ServerFootprint.read(options, 0);
        ToolWarmup toolWarmup = options.toolWarmupConnections > 0 ? warmUpTool() : null;
        Ramp ramp = ramp();
        ServerFootprint idle = idle();
        Subscriptions subscriptions = subscribe();
        warmUp();
        Window window = measureWindow();
        ServerFootprint underLoad = ServerFootprint.read(options, 0);
        Teardown teardown = tearDown(window);

        Map<String, Object> json = report.toJson(new Report.Results(before, toolWarmup, ramp, idle, subscriptions, window,
                underLoad, teardown), measurements, timeline.lines());
        ReportTable.print(json);
        if (options.jsonFile != null) {
            Path file = Path.of(options.jsonFile);
            Report.write(json, file);
            timeline.log("wrote %s", file);
        }
        return ramp.connected() > 0 ? 0 : 3;
    }

    /**
     * 0. With {@code --tool-warmup K}: K subscribers that count for nothing, connected and closed before the ramp. A fresh
     * JVM runs its first thousand or so connections interpreted, which adds 100–200 ms to the connect times it measures:
     * the tool's slowness, not the server's. The warm-up can go to another server, so the one measured is not warmed by
     * it.
     */
    private ToolWarmup warmUpTool() {
        timeline.enter(Phase.TOOL_WARMUP);
        int k = options.toolWarmupConnections;
        timeline.log("warming the tool up: %d connections to %s", k, options.toolWarmupUrl);
        Subscriber[] warm = new Subscriber[k];
        connect(new Measurements(), warm, options.toolWarmupUrl);
        // Let subscribe-on-connect subscribers get their first messages: that path is compiled too.
        awaitFirstMessages(warm);
        int connected = connected(warm);
        closeAll(warm);
        Pause.seconds(options.settleSeconds);
        timeline.log("tool warmed up: %d of %d connected", connected, k);
        return new ToolWarmup(options.toolWarmupUrl, k, connected);
    }

    /** 1. Ramp: N connections at the connect rate, each to STOMP CONNECTED; failures and timeouts counted, not retried. */
    private Ramp ramp() {
        timeline.enter(Phase.CONNECT);
        int n = subscribers.length;
        timeline.log("connecting %d subscribers to %s at %.0f/s (%s)", n, options.url, options.connectRate, transport.describe());
        long start = System.nanoTime();
        int attempted = connect(measurements, subscribers, options.url);
        double seconds = (System.nanoTime() - start) / 1e9;
        int connected = connected(subscribers);
        Ramp ramp = new Ramp(attempted, connected, seconds, measurements.connectTime.getIntervalHistogram(),
                measurements.handshakeTime.getIntervalHistogram());
        timeline.log("connected %d of %d in %.1f s (%d failed)", connected, n, seconds, n - connected);
        return ramp;
    }

    /** 2. Idle: after the settle time, the server's footprint with N connections subscribed to nothing. */
    private ServerFootprint idle() {
        timeline.enter(Phase.IDLE);
        Pause.seconds(options.settleSeconds);
        return ServerFootprint.read(options, 12);
    }

    /**
     * 3. Subscribe at the subscribe rate (those that subscribed on CONNECTED already have), wait for every subscriber's
     * first message, then freeze the frozen ones: they stop reading when the warm-up starts.
     */
    private Subscriptions subscribe() {
        timeline.enter(Phase.SUBSCRIBE);
        long start = System.nanoTime();
        int subscribed = 0;
        for (Subscriber s : subscribers) {
            if (s != null && s.subscribed) {
                subscribed++;
            } else if (s != null && s.stompConnected && !s.closed) {
                Pause.until(start + (long) (subscribed * 1e9 / options.subscribeRate));
                if (options.freezeAt.equals("subscribe")) {
                    s.freeze();
                }
                s.subscribe();
                subscribed++;
            }
        }
        awaitFirstMessages(subscribers);
        int withoutFirstMessage = count(s -> s.subscribed && !s.gotFirstMessage && !s.frozenNow);
        Subscriptions subscriptions = new Subscriptions(subscribed, withoutFirstMessage,
                count(s -> s.subscribed && s.frozen), measurements.firstMessage.getIntervalHistogram());
        for (Subscriber s : subscribers) {
            if (s != null && s.subscribed && s.frozen) {
                s.freeze(); // a no-op if it froze at subscribe
            }
        }
        timeline.log("subscribed %d (%d without a first message after %.0f s); %d frozen", subscribed, withoutFirstMessage,
                (System.nanoTime() - start) / 1e9, subscriptions.frozen());
        return subscriptions;
    }

    /** 4. Warm-up: the server (and the tool) settle under load; its latency samples are dropped. */
    private void warmUp() {
        timeline.enter(Phase.WARMUP);
        Pause.seconds(options.warmupSeconds);
    }

    /**
     * 4. The window: the subscribers' counters, the reference subscriber's last tick and the CPU clocks at its start
     * and end (the counters at its middle too), and its latency samples.
     */
    private Window measureWindow() {
        measurements.calibrateClock();
        latency.open();
        SubscriberCounts start = SubscriberCounts.read(subscribers);
        boolean[] measured = new boolean[subscribers.length];
        boolean[] frozen = new boolean[subscribers.length];
        for (int i = 0; i < subscribers.length; i++) {
            Subscriber s = subscribers[i];
            measured[i] = s != null && s.subscribed && !s.closed && !s.frozen;
            frozen[i] = s != null && s.frozen;
        }
        ReferenceSubscriber.Reading referenceAtStart = measurements.reference.read();
        CpuSample cpuAtStart = CpuSample.read(transport.ioThreads(), options.serverPid);
        timeline.enter(Phase.WINDOW);
        timeline.log("measuring for %.0f s", options.durationSeconds);

        Pause.seconds(options.durationSeconds / 2);
        latency.startSecondHalf();
        SubscriberCounts middle = SubscriberCounts.read(subscribers);
        Pause.seconds(options.durationSeconds / 2);

        SubscriberCounts end = SubscriberCounts.read(subscribers);
        LatencyWindow.Latencies latencies = latency.close();
        CpuSample cpuAtEnd = CpuSample.read(transport.ioThreads(), options.serverPid);
        ReferenceSubscriber.Reading referenceAtEnd = measurements.reference.read();
        timeline.enter(Phase.AFTER);
        return new Window(start, middle, end, measured, frozen, referenceAtStart, referenceAtEnd, cpuAtStart, cpuAtEnd,
                latencies);
    }

    /** 5. Teardown: how the subscribers ended, then every connection closed with a close frame. */
    private Teardown tearDown(Window window) {
        timeline.enter(Phase.TEARDOWN);
        Teardown teardown = Teardown.count(subscribers, window);
        closeAll(subscribers);
        transport.close();
        return teardown;
    }

    // ---- Connections ----

    /**
     * Connects one subscriber per slot of {@code into} at the connect rate, with at most max-pending in flight, and
     * waits for them; returns how many were started before the ramp's deadline.
     */
    private int connect(Measurements recordInto, Subscriber[] into, URI url) {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) ((into.length / options.connectRate * 3 + options.connectTimeoutSeconds + 30) * 1e9);
        int started = 0;
        for (int i = 0; i < into.length && System.nanoTime() < deadline; i++) {
            Pause.until(start + (long) (i * 1e9 / options.connectRate));
            while (started - done.get() >= options.maxPending && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            Subscriber s = transport.newSubscriber(recordInto, i);
            into[i] = s;
            s.connected.whenComplete((v, e) -> done.incrementAndGet());
            transport.connect(s, url);
            started++;
        }
        int attempted = started;
        long waitEnd = Math.min(deadline, System.nanoTime() + (long) ((options.connectTimeoutSeconds + 5) * 1e9));
        Pause.whileTrue(() -> done.get() < attempted, 10_000_000, waitEnd);
        return started;
    }

    /** Waits, at most the first-message timeout, until every subscribed, open and reading subscriber has had a message. */
    private void awaitFirstMessages(Subscriber[] of) {
        long deadline = System.nanoTime() + (long) (options.firstMessageTimeoutSeconds * 1e9);
        Pause.whileTrue(() -> Arrays.stream(of).anyMatch(
                s -> s != null && s.subscribed && !s.closed && !s.gotFirstMessage && !s.frozenNow), 50_000_000, deadline);
    }

    private static int connected(Subscriber[] of) {
        return (int) Arrays.stream(of).filter(s -> s != null && s.connected.isDone()
                && !s.connected.isCompletedExceptionally() && !s.closed).count();
    }

    private int count(Predicate<Subscriber> which) {
        return (int) Arrays.stream(subscribers).filter(s -> s != null && which.test(s)).count();
    }

    /** Closes every connection with a close frame and waits, at most 5 s, for them to be closed. */
    private static void closeAll(Subscriber[] of) {
        for (Subscriber s : of) {
            if (s != null) {
                s.closedByUs = true;
                s.close();
            }
        }
        Pause.whileTrue(() -> Arrays.stream(of).anyMatch(s -> s != null && !s.closed), 20_000_000,
                System.nanoTime() + 5_000_000_000L);
    }

    static {
        // Quiet Netty's own logging of closed connections.
        System.setProperty("io.netty.leakDetection.level", System.getProperty("io.netty.leakDetection.level", "disabled"));
    }
}
