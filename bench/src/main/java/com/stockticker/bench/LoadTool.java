package com.stockticker.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The fan-out benchmark: opens N STOMP-over-WebSocket subscribers, ramps them up at a given rate, measures
 * server memory with them idle, subscribes them, warms up, and measures deliveries, latency, bytes, CPU and
 * memory over a window. Prints a table and writes JSON. See {@link Options#HELP}.
 */
public final class LoadTool {

    private final Options o;
    private final Ctx ctx;
    private final Transport transport;
    private final Conn[] conns;
    private final long runStart = System.nanoTime();
    private volatile String phase = "start";

    // Monitor state, guarded by this
    private final List<Map<String, Object>> timeline = new ArrayList<>();
    private Histogram window;
    /** The window's second half: whether a server recovers from a backlog or falls further behind. */
    private Histogram secondHalf;
    private long lastSampleNanos;
    private long lastDeliveries;

    private LoadTool(Options o) {
        this.o = o;
        this.ctx = new Ctx(o);
        this.transport = o.transport.equals("jdk") ? new JdkTransport(o) : new NettyTransport(o);
        this.conns = new Conn[o.subscribers];
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        int rc;
        try {
            rc = new LoadTool(o).run();
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    private int run() throws Exception {
        int n = o.subscribers;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tool", "stock-ticker-bench");
        report.put("label", o.label);
        report.put("scenario", o.scenario);
        report.put("url", o.url.toString());
        report.put("destinations", o.destinations);
        report.put("subscribers", n);
        report.put("started", Instant.now().toString());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connect_rate", o.connectRate);
        config.put("subscribe_rate", o.subscribeRate);
        config.put("warmup_s", o.warmupSeconds);
        config.put("duration_s", o.durationSeconds);
        config.put("sample_every", o.sampleEvery);
        config.put("frozen_percent", o.frozenPercent);
        config.put("tool_warmup_connections", o.toolWarmupConnections);
        config.put("transport", transport.describe());
        config.put("subscribe_headers", o.subscribeHeaders);
        config.put("send", o.sendDestination);
        config.put("send_body", o.sendBody);
        config.put("symbols_per_subscriber", o.symbolsPerSubscriber);
        config.put("cores", Runtime.getRuntime().availableProcessors());
        config.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.put("config", config);

        Thread monitor = new Thread(this::monitorLoop, "bench-monitor");
        monitor.setDaemon(true);
        monitor.start();

        long pid = o.serverPid;
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("pid", pid);
        // RSS first: the full GC of the live-heap measurement may shrink the heap.
        long rssBefore = Proc.rssKb(pid);
        long tcpBefore = Proc.hostTcpMemoryKb();
        Map<String, Object> heapBefore = o.serverHeap ? Proc.liveHeap(pid, 0) : Map.of();
        server.put("threads_before", Proc.threads(pid));

        if (o.toolWarmupConnections > 0) {
            report.put("tool_warmup", warmUpTool());
        }

        // ---- Ramp: connect N at the connect rate ----
        phase = "connect";
        log("connecting %d subscribers to %s at %.0f/s (%s)", n, o.url, o.connectRate, transport.describe());
        long rampStart = System.nanoTime();
        int started = ramp(ctx, conns, o.url);
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
        int connected = connected(conns);
        Histogram connectHist = ctx.connectTime.getIntervalHistogram();
        Histogram handshakeHist = ctx.handshakeTime.getIntervalHistogram();
        log("connected %d of %d in %.1f s (%d failed)", connected, n, rampSeconds, n - connected);

        // ---- Idle: N connections subscribed to nothing ----
        phase = "idle";
        sleepSeconds(o.settleSeconds);
        long rssIdle = Proc.rssKb(pid);
        Map<String, Object> heapIdle = o.serverHeap ? Proc.liveHeap(pid, 12) : Map.of();
        server.put("threads_idle", Proc.threads(pid));

        // ---- Subscribe ----
        phase = "subscribe";
        long subStart = System.nanoTime();
        int subscribedCount = 0;
        for (Conn c : conns) {
            if (c != null && c.subscribed) {
                subscribedCount++;
            }
            else if (c != null && c.stompConnected && !c.closed) {
                waitUntil(subStart + (long) (subscribedCount * 1e9 / o.subscribeRate));
                if (o.freezeAt.equals("subscribe")) {
                    c.freeze();
                }
                c.subscribe();
                subscribedCount++;
            }
        }
        long firstDeadline = System.nanoTime() + (long) (o.firstMessageTimeoutSeconds * 1e9);
        while (System.nanoTime() < firstDeadline) {
            int waiting = 0;
            for (Conn c : conns) {
                if (c != null && c.subscribed && !c.closed && !c.gotFirstMessage && !c.frozenNow) {
                    waiting++;
                }
            }
            if (waiting == 0) {
                break;
            }
            LockSupport.parkNanos(50_000_000);
        }
        int noFirstMessage = 0;
        for (Conn c : conns) {
            if (c != null && c.subscribed && !c.gotFirstMessage && !c.frozenNow) {
                noFirstMessage++;
            }
        }
        Histogram firstHist = ctx.firstMessage.getIntervalHistogram();
        int frozenCount = 0;
        for (Conn c : conns) {
            if (c != null && c.subscribed && c.frozen) {
                c.freeze(); // a no-op if they froze at subscribe
                frozenCount++;
            }
        }
        log("subscribed %d (%d without a first message after %.0f s); %d frozen", subscribedCount, noFirstMessage,
                (System.nanoTime() - subStart) / 1e9, frozenCount);

        // ---- Warm-up, then the window ----
        phase = "warmup";
        sleepSeconds(o.warmupSeconds);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        ctx.calibrateClock();
        long[] startDeliveries = new long[n];
        long[] startBytes = new long[n];
        long[] startWire = new long[n];
        boolean[] measured = new boolean[n];
        long refSeq0;
        long refTs0;
        long refMsgs0;
        long winStart;
        long cpu0;
        long[] split0;
        long io0;
        long srv0;
        long[] host0;
        synchronized (this) {
            winStart = System.nanoTime();
            window = new Histogram(Ctx.HIGHEST_MICROS, 3);
            ctx.latency.getIntervalHistogram(); // drop the warm-up's samples
            for (int i = 0; i < n; i++) {
                Conn c = conns[i];
                if (c != null) {
                    startDeliveries[i] = c.deliveries;
                    startBytes[i] = c.bytes;
                    startWire[i] = c.wireBytes;
                    measured[i] = c.subscribed && !c.closed && !c.frozen;
                }
            }
            refSeq0 = ctx.refLastSeq;
            refTs0 = ctx.refLastPublishMicros;
            refMsgs0 = ctx.refMessages;
            cpu0 = os.getProcessCpuTime();
            split0 = Proc.cpuSplitNanos(-1);
            io0 = ioCpu(threads);
            srv0 = Proc.cpuNanos(pid);
            host0 = Proc.hostCpu();
            phase = "window";
        }
        log("measuring for %.0f s", o.durationSeconds);
        sleepSeconds(o.durationSeconds / 2);
        long[] midDeliveries = new long[n];
        long winMid;
        synchronized (this) {
            winMid = System.nanoTime();
            window.add(ctx.latency.getIntervalHistogram());
            secondHalf = new Histogram(Ctx.HIGHEST_MICROS, 3);
            for (int i = 0; i < n; i++) {
                Conn c = conns[i];
                if (c != null) {
                    midDeliveries[i] = c.deliveries;
                }
            }
        }
        sleepSeconds(o.durationSeconds / 2);
        Histogram latency;
        Histogram latencySecondHalf;
        long winEnd;
        long[] endDeliveries = new long[n];
        long[] endBytes = new long[n];
        long[] endWire = new long[n];
        long cpu1;
        long[] split1;
        long io1;
        long srv1;
        long[] host1;
        long refSeq1;
        long refTs1;
        long refMsgs1;
        synchronized (this) {
            winEnd = System.nanoTime();
            Histogram last = ctx.latency.getIntervalHistogram();
            window.add(last);
            secondHalf.add(last);
            latency = window;
            latencySecondHalf = secondHalf;
            window = null;
            secondHalf = null;
            for (int i = 0; i < n; i++) {
                Conn c = conns[i];
                if (c != null) {
                    endDeliveries[i] = c.deliveries;
                    endBytes[i] = c.bytes;
                    endWire[i] = c.wireBytes;
                }
            }
            cpu1 = os.getProcessCpuTime();
            split1 = Proc.cpuSplitNanos(-1);
            io1 = ioCpu(threads);
            srv1 = Proc.cpuNanos(pid);
            host1 = Proc.hostCpu();
            refSeq1 = ctx.refLastSeq;
            refTs1 = ctx.refLastPublishMicros;
            refMsgs1 = ctx.refMessages;
            phase = "after";
        }
        long rssLoad = Proc.rssKb(pid);
        long tcpLoad = Proc.hostTcpMemoryKb();
        server.put("threads_load", Proc.threads(pid));
        Map<String, Object> heapLoad = o.serverHeap ? Proc.liveHeap(pid, 0) : Map.of();
        double windowSeconds = (winEnd - winStart) / 1e9;

        // ---- Tear down ----
        phase = "teardown";
        int heldEnd = 0;
        int frozenHeldEnd = 0;
        int closedInWindow = 0;
        int frozenClosedInWindow = 0;
        int closedAfterConnect = 0;
        int frozenClosedAfterConnect = 0;
        for (Conn c : conns) {
            if (c == null) {
                continue;
            }
            boolean closedByPeer = c.closed && c.stompConnected;
            if (c.subscribed && !c.closed) {
                if (c.frozen) {
                    frozenHeldEnd++;
                } else {
                    heldEnd++;
                }
            }
            if (closedByPeer) {
                if (c.frozen) {
                    frozenClosedAfterConnect++;
                } else {
                    closedAfterConnect++;
                }
                if (c.closedAtNanos >= winStart && c.closedAtNanos <= winEnd) {
                    if (c.frozen) {
                        frozenClosedInWindow++;
                    } else {
                        closedInWindow++;
                    }
                }
            }
        }
        closeAll(conns);
        transport.close();

        // ---- Figures ----
        long deliveries = 0;
        long windowBytes = 0;
        long windowWire = 0;
        long measuredDeliveries = 0;
        long frozenDeliveries = 0;
        List<Double> perSub = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long d = endDeliveries[i] - startDeliveries[i];
            deliveries += d;
            windowBytes += endBytes[i] - startBytes[i];
            windowWire += endWire[i] - startWire[i];
            if (measured[i]) {
                measuredDeliveries += d;
                perSub.add(d / windowSeconds);
            } else if (conns[i] != null && conns[i].frozen) {
                frozenDeliveries += d;
            }
        }
        long measuredSecondHalf = 0;
        for (int i = 0; i < n; i++) {
            if (measured[i]) {
                measuredSecondHalf += endDeliveries[i] - midDeliveries[i];
            }
        }
        double secondHalfSeconds = (winEnd - winMid) / 1e9;
        double[] rates = perSub.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double meanPerSub = rates.length == 0 ? 0 : measuredDeliveries / windowSeconds / rates.length;

        double seqRate = Double.NaN;
        if (refSeq0 != Long.MIN_VALUE && refTs1 > refTs0 && refSeq1 > refSeq0 && o.destinationsOf(0).size() == 1) {
            seqRate = (refSeq1 - refSeq0) / ((refTs1 - refTs0) / 1e6);
        }
        double refRate = (refMsgs1 - refMsgs0) / windowSeconds;
        double expected;
        String source;
        if (o.publishRate > 0) {
            expected = o.publishRate;
            source = "command line";
        } else if (!Double.isNaN(seqRate)) {
            expected = seqRate;
            source = "seq of the reference subscriber";
        } else {
            expected = refRate;
            source = "message rate of the reference subscriber";
        }
        int below = 0;
        for (double r : rates) {
            if (r < 0.95 * expected) {
                below++;
            }
        }

        Map<String, Object> conn = new LinkedHashMap<>();
        conn.put("attempted", started);
        conn.put("connected", connected);
        conn.put("connect_failures", n - connected);
        conn.put("ramp_s", rampSeconds);
        conn.put("subscribed", subscribedCount);
        conn.put("without_first_message", noFirstMessage);
        conn.put("held_at_end", heldEnd);
        conn.put("closed_by_server_in_window", closedInWindow);
        conn.put("closed_by_server_total", closedAfterConnect);
        conn.put("connect_ms", percentiles(connectHist));
        conn.put("handshake_ms", percentiles(handshakeHist));
        conn.put("first_message_ms", percentiles(firstHist));
        report.put("connections", conn);

        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("expected_per_subscriber", expected);
        rate.put("source", source);
        rate.put("seq_rate", seqRate);
        rate.put("reference_message_rate", refRate);
        report.put("publish_rate", rate);

        Map<String, Object> del = new LinkedHashMap<>();
        del.put("window_s", windowSeconds);
        del.put("total", deliveries);
        del.put("per_second", deliveries / windowSeconds);
        del.put("measured_subscribers", rates.length);
        del.put("per_subscriber_per_second", meanPerSub);
        del.put("ratio_to_publish_rate", expected > 0 ? meanPerSub / expected : Double.NaN);
        double meanSecondHalf = rates.length == 0 ? 0 : measuredSecondHalf / secondHalfSeconds / rates.length;
        del.put("second_half_per_subscriber_per_second", meanSecondHalf);
        del.put("second_half_ratio_to_publish_rate", expected > 0 ? meanSecondHalf / expected : Double.NaN);
        del.put("min_subscriber_per_second", rates.length == 0 ? 0 : rates[0]);
        del.put("p01_subscriber_per_second", rates.length == 0 ? 0 : rates[(int) (rates.length * 0.01)]);
        del.put("max_subscriber_per_second", rates.length == 0 ? 0 : rates[rates.length - 1]);
        del.put("subscribers_below_95pct", below);
        del.put("bytes_per_delivery", deliveries == 0 ? 0 : (double) windowBytes / deliveries);
        del.put("megabytes_per_second", windowBytes / windowSeconds / 1e6);
        del.put("wire_bytes_per_delivery", deliveries == 0 ? 0 : (double) windowWire / deliveries);
        report.put("deliveries", del);

        Map<String, Object> lat = percentiles(latency);
        lat.put("sampled_every", o.sampleEvery);
        lat.put("unparsed_samples", ctx.unparsedSamples.sum());
        lat.put("negative_clamped", ctx.negativeLatencies.sum());
        report.put("latency_ms", lat);
        report.put("latency_ms_second_half", percentiles(latencySecondHalf));

        if (o.frozenPercent > 0) {
            Map<String, Object> fz = new LinkedHashMap<>();
            fz.put("frozen", frozenCount);
            fz.put("held_at_end", frozenHeldEnd);
            fz.put("closed_by_server_in_window", frozenClosedInWindow);
            fz.put("closed_by_server_total", frozenClosedAfterConnect);
            fz.put("deliveries_in_window", frozenDeliveries);
            fz.put("rcvbuf", o.frozenReceiveBuffer);
            fz.put("freeze_at", o.freezeAt);
            report.put("frozen", fz);
        }

        int held = Math.max(1, connected);
        server.put("rss_before_kb", rssBefore);
        server.put("rss_idle_kb", rssIdle);
        server.put("rss_load_kb", rssLoad);
        server.put("rss_per_connection_idle_kb", rssBefore > 0 && rssIdle > 0 ? (double) (rssIdle - rssBefore) / held : Double.NaN);
        server.put("rss_per_connection_load_kb", rssBefore > 0 && rssLoad > 0 ? (double) (rssLoad - rssBefore) / held : Double.NaN);
        if (o.serverHeap) {
            long hb = ((Number) heapBefore.getOrDefault("live_kb", -1L)).longValue();
            long hi = ((Number) heapIdle.getOrDefault("live_kb", -1L)).longValue();
            long hl = ((Number) heapLoad.getOrDefault("live_kb", -1L)).longValue();
            server.put("live_heap_before_kb", hb);
            server.put("live_heap_idle_kb", hi);
            server.put("live_heap_load_kb", hl);
            server.put("live_heap_per_connection_idle_kb", hb > 0 && hi > 0 ? (double) (hi - hb) / held : Double.NaN);
            server.put("live_heap_per_connection_load_kb", hb > 0 && hl > 0 ? (double) (hl - hb) / held : Double.NaN);
            server.put("live_heap_idle_top_classes", heapIdle.get("top_classes"));
        }
        long serverCpu = srv1 >= 0 && srv0 >= 0 ? srv1 - srv0 : -1;
        server.put("cpu_percent_of_one_core", serverCpu < 0 ? Double.NaN : serverCpu / 1e9 / windowSeconds * 100);
        server.put("cpu_us_per_delivery", serverCpu < 0 || deliveries == 0 ? Double.NaN : serverCpu / 1e3 / deliveries);
        report.put("server", server);

        Map<String, Object> client = new LinkedHashMap<>();
        long clientCpu = cpu1 - cpu0;
        client.put("cpu_percent_of_one_core", clientCpu / 1e9 / windowSeconds * 100);
        client.put("cpu_us_per_delivery", deliveries == 0 ? Double.NaN : clientCpu / 1e3 / deliveries);
        client.put("user_us_per_delivery", deliveries == 0 ? Double.NaN : (split1[0] - split0[0]) / 1e3 / deliveries);
        client.put("system_us_per_delivery", deliveries == 0 ? Double.NaN : (split1[1] - split0[1]) / 1e3 / deliveries);
        client.put("io_threads_cpu_us_per_delivery", deliveries == 0 || io0 < 0 ? Double.NaN : (io1 - io0) / 1e3 / deliveries);
        client.put("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
        report.put("client", client);

        Map<String, Object> host = new LinkedHashMap<>();
        long busy = host1[0] - host0[0];
        long total = host1[1] - host0[1];
        host.put("cpu_busy_percent", total > 0 ? 100.0 * busy / total : Double.NaN);
        host.put("tcp_socket_memory_before_kb", tcpBefore);
        host.put("tcp_socket_memory_load_kb", tcpLoad);
        report.put("host", host);

        Map<String, Object> errs = new LinkedHashMap<>();
        ctx.errors.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> errs.put(e.getKey(), e.getValue().sum()));
        report.put("errors", errs);
        report.put("error_frames", ctx.errorFrames.sum());
        synchronized (this) {
            report.put("timeline", new ArrayList<>(timeline));
        }

        printTable(report);
        if (o.jsonFile != null) {
            Path p = Path.of(o.jsonFile);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, Json.write(report));
            log("wrote %s", p);
        }
        return connected > 0 ? 0 : 3;
    }

    // ---- Monitor: one line of timeline per second ----

    private void monitorLoop() {
        long next = System.nanoTime() + 1_000_000_000L;
        int count = 0;
        while (true) {
            waitUntil(next);
            next += 1_000_000_000L;
            if (phase.equals("teardown")) {
                return;
            }
            Map<String, Object> line = sample();
            if (line != null && !o.quiet && ++count % 5 == 0) {
                System.err.printf(Locale.ROOT, "[%5.0fs] %-9s open %6d  %9d msg/s  p50 %7.1f ms  p99 %7.1f ms%n",
                        line.get("t"), phase, line.get("open"), line.get("deliveries_per_s"), line.get("p50_ms"),
                        line.get("p99_ms"));
            }
        }
    }

    private synchronized Map<String, Object> sample() {
        long now = System.nanoTime();
        long sum = 0;
        int open = 0;
        for (Conn c : conns) {
            if (c != null) {
                sum += c.deliveries;
                if (c.stompConnected && !c.closed) {
                    open++;
                }
            }
        }
        Histogram h = phase.equals("window") || phase.equals("warmup") ? ctx.latency.getIntervalHistogram() : null;
        if (h != null && window != null) {
            window.add(h);
        }
        if (h != null && secondHalf != null) {
            secondHalf.add(h);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t", Math.round((now - runStart) / 1e8) / 10.0);
        line.put("phase", phase);
        line.put("open", open);
        double dt = lastSampleNanos == 0 ? 1 : (now - lastSampleNanos) / 1e9;
        line.put("deliveries_per_s", Math.round((sum - lastDeliveries) / dt));
        line.put("p50_ms", h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1000.0);
        line.put("p99_ms", h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
        line.put("max_ms", h == null || h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0);
        lastSampleNanos = now;
        lastDeliveries = sum;
        if (timeline.size() < 7200) {
            timeline.add(line);
        }
        return line;
    }

    // ---- Helpers ----

    private long ioCpu(ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : transport.ioThreads()) {
            long v = threads.getThreadCpuTime(t.getId());
            if (v > 0) {
                sum += v;
            }
        }
        return sum;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("p50", h.getValueAtPercentile(50) / 1000.0);
        m.put("p90", h.getValueAtPercentile(90) / 1000.0);
        m.put("p99", h.getValueAtPercentile(99) / 1000.0);
        m.put("p999", h.getValueAtPercentile(99.9) / 1000.0);
        m.put("max", h.getMaxValue() / 1000.0);
        m.put("mean", h.getMean() / 1000.0);
        return m;
    }

    @SuppressWarnings("unchecked")
    private void printTable(Map<String, Object> r) {
        Map<String, Object> c = (Map<String, Object>) r.get("connections");
        Map<String, Object> d = (Map<String, Object>) r.get("deliveries");
        Map<String, Object> l = (Map<String, Object>) r.get("latency_ms");
        Map<String, Object> s = (Map<String, Object>) r.get("server");
        Map<String, Object> cl = (Map<String, Object>) r.get("client");
        Map<String, Object> p = (Map<String, Object>) r.get("publish_rate");
        Map<String, Object> cm = (Map<String, Object>) c.get("connect_ms");
        Map<String, Object> fm = (Map<String, Object>) c.get("first_message_ms");
        StringBuilder b = new StringBuilder();
        row(b, "server", r.get("label") + "  " + r.get("url") + "  " + r.get("destinations"));
        Map<?, ?> config = (Map<?, ?>) r.get("config");
        row(b, "subscribers", r.get("subscribers") + " (" + r.get("scenario") + ", " + config.get("transport")
                + (((List<?>) config.get("subscribe_headers")).isEmpty() ? "" : ", SUBSCRIBE with " + config.get("subscribe_headers")) + ")");
        row(b, "connected / failed", c.get("connected") + " / " + c.get("connect_failures") + "  in " + f(c.get("ramp_s")) + " s");
        row(b, "held at end", c.get("held_at_end") + "  (closed by server: " + c.get("closed_by_server_in_window")
                + " in window, " + c.get("closed_by_server_total") + " in all)");
        row(b, "connect ms p50/p99/max", f(cm.get("p50")) + " / " + f(cm.get("p99")) + " / " + f(cm.get("max")));
        Map<String, Object> hm = (Map<String, Object>) c.get("handshake_ms");
        if (hm != null) {
            row(b, "  of which handshake", f(hm.get("p50")) + " / " + f(hm.get("p99")) + " / " + f(hm.get("max")));
        }
        row(b, "first msg ms p50/p99/max", f(fm.get("p50")) + " / " + f(fm.get("p99")) + " / " + f(fm.get("max")));
        row(b, "publish rate /sub/s", f(p.get("expected_per_subscriber")) + "  (" + p.get("source") + "; seq rate "
                + f(p.get("seq_rate")) + ", reference " + f(p.get("reference_message_rate")) + ")");
        row(b, "deliveries/s", f(d.get("per_second")) + "  over " + f(d.get("window_s")) + " s");
        row(b, "per subscriber/s", f(d.get("per_subscriber_per_second")) + "  = " + pct(d.get("ratio_to_publish_rate"))
                + " of publish rate; min " + f(d.get("min_subscriber_per_second")) + ", below 95%: " + d.get("subscribers_below_95pct"));
        row(b, "latency ms p50/p90/p99", f(l.get("p50")) + " / " + f(l.get("p90")) + " / " + f(l.get("p99")));
        Map<String, Object> l2 = (Map<String, Object>) r.get("latency_ms_second_half");
        row(b, "second half: p50/p99, delivered", f(l2.get("p50")) + " / " + f(l2.get("p99")) + " ms, "
                + pct(d.get("second_half_ratio_to_publish_rate")) + " of publish rate");
        row(b, "latency ms p99.9/max", f(l.get("p999")) + " / " + f(l.get("max")) + "  (" + l.get("count") + " samples)");
        double wire = (double) d.get("wire_bytes_per_delivery");
        row(b, "bytes/delivery", f(d.get("bytes_per_delivery")) + "  (" + f(d.get("megabytes_per_second")) + " MB/s)"
                + (wire > 0 ? ", on the wire " + f(wire) : ""));
        row(b, "server RSS KB before/idle/load", s.get("rss_before_kb") + " / " + s.get("rss_idle_kb") + " / " + s.get("rss_load_kb"));
        row(b, "server RSS KB/conn idle/load", f(s.get("rss_per_connection_idle_kb")) + " / " + f(s.get("rss_per_connection_load_kb")));
        if (s.containsKey("live_heap_per_connection_idle_kb")) {
            row(b, "server live heap KB/conn idle/load", f(s.get("live_heap_per_connection_idle_kb")) + " / "
                    + f(s.get("live_heap_per_connection_load_kb")));
        }
        row(b, "server CPU", f(s.get("cpu_percent_of_one_core")) + " % of a core, " + f(s.get("cpu_us_per_delivery")) + " us/delivery");
        row(b, "tool CPU", f(cl.get("cpu_percent_of_one_core")) + " % of a core, " + f(cl.get("cpu_us_per_delivery"))
                + " us/delivery (user " + f(cl.get("user_us_per_delivery")) + ", kernel " + f(cl.get("system_us_per_delivery"))
                + "; I/O threads " + f(cl.get("io_threads_cpu_us_per_delivery")) + ")");
        Map<?, ?> h = (Map<?, ?>) r.get("host");
        row(b, "host CPU busy", f(h.get("cpu_busy_percent")) + " %;  TCP socket memory KB before/load "
                + h.get("tcp_socket_memory_before_kb") + " / " + h.get("tcp_socket_memory_load_kb"));
        if (r.containsKey("frozen")) {
            Map<?, ?> fz = (Map<?, ?>) r.get("frozen");
            row(b, "frozen", fz.get("frozen") + " frozen; held " + fz.get("held_at_end") + ", closed by server "
                    + fz.get("closed_by_server_total"));
        }
        Map<?, ?> errs = (Map<?, ?>) r.get("errors");
        if (!errs.isEmpty()) {
            row(b, "errors", errs.toString());
        }
        System.out.print(b);
        System.out.flush();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append(String.format(Locale.ROOT, "%-34s %s%n", k, v));
    }

    private static String f(Object v) {
        if (!(v instanceof Number n)) {
            return "-";
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "-";
        }
        if (Math.abs(d) >= 100 || d == Math.rint(d)) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String pct(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue())
                ? String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100) : "-";
    }

    private void log(String format, Object... args) {
        if (!o.quiet) {
            System.err.printf(Locale.ROOT, "[%5.1fs] " + format + "%n",
                    prepend((System.nanoTime() - runStart) / 1e9, args));
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /**
     * Before the measured ramp, connects and closes K subscribers that count for nothing. A fresh JVM runs its first
     * thousand or so connections interpreted, which adds 100–200 ms to the connect times it measures: the tool's
     * slowness, not the server's. The warm-up can go to another server, so the one measured is not warmed by it.
     */
    private Map<String, Object> warmUpTool() {
        phase = "tool-warmup";
        int k = o.toolWarmupConnections;
        log("warming the tool up: %d connections to %s", k, o.toolWarmupUrl);
        Ctx warmCtx = new Ctx(o);
        Conn[] warm = new Conn[k];
        ramp(warmCtx, warm, o.toolWarmupUrl);
        // Let subscribe-on-connect subscribers get their first messages: that path is compiled too.
        long firstDeadline = System.nanoTime() + (long) (o.firstMessageTimeoutSeconds * 1e9);
        while (System.nanoTime() < firstDeadline
                && Arrays.stream(warm).anyMatch(c -> c != null && c.subscribed && !c.closed && !c.gotFirstMessage)) {
            LockSupport.parkNanos(50_000_000);
        }
        int connected = connected(warm);
        closeAll(warm);
        sleepSeconds(o.settleSeconds);
        log("tool warmed up: %d of %d connected", connected, k);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("url", o.toolWarmupUrl.toString());
        w.put("connections", k);
        w.put("connected", connected);
        return w;
    }

    /**
     * Connects one subscriber per slot of {@code into} at the connect rate, with at most max-pending in flight, and
     * waits for them; returns how many were started before the ramp's deadline.
     */
    private int ramp(Ctx rampCtx, Conn[] into, URI url) {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) ((into.length / o.connectRate * 3 + o.connectTimeoutSeconds + 30) * 1e9);
        int started = 0;
        for (int i = 0; i < into.length && System.nanoTime() < deadline; i++) {
            waitUntil(start + (long) (i * 1e9 / o.connectRate));
            while (started - done.get() >= o.maxPending && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            Conn c = transport.newConn(rampCtx, i);
            into[i] = c;
            c.connected.whenComplete((v, e) -> done.incrementAndGet());
            transport.connect(c, url);
            started++;
        }
        long waitEnd = Math.min(deadline, System.nanoTime() + (long) ((o.connectTimeoutSeconds + 5) * 1e9));
        while (done.get() < started && System.nanoTime() < waitEnd) {
            LockSupport.parkNanos(10_000_000);
        }
        return started;
    }

    private static int connected(Conn[] of) {
        int connected = 0;
        for (Conn c : of) {
            if (c != null && c.connected.isDone() && !c.connected.isCompletedExceptionally() && !c.closed) {
                connected++;
            }
        }
        return connected;
    }

    /** Closes every connection with a close frame and waits, at most 5 s, for them to be closed. */
    private static void closeAll(Conn[] conns) {
        for (Conn c : conns) {
            if (c != null) {
                c.closedByUs = true;
                c.close();
            }
        }
        long closeDeadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < closeDeadline && Arrays.stream(conns).anyMatch(c -> c != null && !c.closed)) {
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static void waitUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void sleepSeconds(double s) {
        waitUntil(System.nanoTime() + (long) (s * 1e9));
    }

    static {
        // Quiet Netty's own logging of closed connections.
        System.setProperty("io.netty.leakDetection.level", System.getProperty("io.netty.leakDetection.level", "disabled"));
    }
}
