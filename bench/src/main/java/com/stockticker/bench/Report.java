package com.stockticker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The report of a run, as the JSON that {@code --json} writes and {@code bench/report.py} reads: what was asked (taken
 * when the run starts), then each phase's figures. Key names and order are the file format.
 */
final class Report {

    /** What every phase of a run gave, in the order of the run. */
    record Results(ServerFootprint before, ToolWarmup toolWarmup, Ramp ramp, ServerFootprint idle,
            Subscriptions subscriptions, Window window, ServerFootprint underLoad, Teardown teardown) {
    }

    private final Options options;
    private final String transport;
    private final String started = Instant.now().toString();

    Report(Options options, String transport) {
        this.options = options;
        this.transport = transport;
    }

    Map<String, Object> toJson(Results r, Measurements measurements, List<Map<String, Object>> timeline) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tool", "stock-ticker-bench");
        report.put("label", options.label);
        report.put("scenario", options.scenario);
        report.put("url", options.url.toString());
        report.put("destinations", options.destinations);
        report.put("subscribers", options.subscribers);
        report.put("started", started);
        report.put("config", config());
        if (r.toolWarmup() != null) {
            report.put("tool_warmup", toolWarmup(r.toolWarmup()));
        }
        report.put("connections", connections(r));
        PublishRate rate = PublishRate.of(options, r.window());
        report.put("publish_rate", rate.toJson());
        report.put("deliveries", deliveries(r.window(), rate.expected()));
        Map<String, Object> latency = percentiles(r.window().latency().whole());
        latency.put("sampled_every", options.sampleEvery);
        latency.put("unparsed_samples", measurements.unparsedSamples.sum());
        latency.put("negative_clamped", measurements.negativeLatencies.sum());
        report.put("latency_ms", latency);
        report.put("latency_ms_second_half", percentiles(r.window().latency().secondHalf()));
        if (options.frozenPercent > 0) {
            report.put("frozen", frozen(r));
        }
        report.put("server", server(r));
        report.put("client", client(r.window()));
        report.put("host", host(r));
        report.put("errors", measurements.errorCounts());
        report.put("error_frames", measurements.errorFrames.sum());
        report.put("timeline", timeline);
        return report;
    }

    static void write(Map<String, Object> report, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, Json.write(report));
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connect_rate", options.connectRate);
        config.put("subscribe_rate", options.subscribeRate);
        config.put("warmup_s", options.warmupSeconds);
        config.put("duration_s", options.durationSeconds);
        config.put("sample_every", options.sampleEvery);
        config.put("frozen_percent", options.frozenPercent);
        config.put("tool_warmup_connections", options.toolWarmupConnections);
        config.put("transport", transport);
        config.put("subscribe_headers", options.subscribeHeaders);
        config.put("send", options.sendDestination);
        config.put("send_body", options.sendBody);
        config.put("symbols_per_subscriber", options.symbolsPerSubscriber);
        config.put("cores", Runtime.getRuntime().availableProcessors());
        config.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return config;
    }

    private static Map<String, Object> toolWarmup(ToolWarmup warmup) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("url", warmup.url().toString());
        w.put("connections", warmup.connections());
        w.put("connected", warmup.connected());
        return w;
    }

    private Map<String, Object> connections(Results r) {
        Ramp ramp = r.ramp();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("attempted", ramp.attempted());
        c.put("connected", ramp.connected());
        c.put("connect_failures", options.subscribers - ramp.connected());
        c.put("ramp_s", ramp.seconds());
        c.put("subscribed", r.subscriptions().subscribed());
        c.put("without_first_message", r.subscriptions().withoutFirstMessage());
        Teardown.Endings readers = r.teardown().readers();
        c.put("held_at_end", readers.heldAtEnd());
        c.put("closed_by_server_in_window", readers.closedByServerInWindow());
        c.put("closed_by_server_total", readers.closedByServerTotal());
        c.put("connect_ms", percentiles(ramp.connectTimes()));
        c.put("handshake_ms", percentiles(ramp.handshakeTimes()));
        c.put("first_message_ms", percentiles(r.subscriptions().firstMessageTimes()));
        return c;
    }

    private static Map<String, Object> deliveries(Window window, double expected) {
        double seconds = window.seconds();
        long deliveries = window.deliveries();
        long bytes = window.payloadBytes();
        double[] rates = window.measuredRates();
        double mean = rates.length == 0 ? 0 : window.measuredDeliveries() / seconds / rates.length;
        double meanSecondHalf = rates.length == 0 ? 0
                : window.measuredSecondHalfDeliveries() / window.secondHalfSeconds() / rates.length;
        int below = 0;
        for (double rate : rates) {
            if (rate < 0.95 * expected) {
                below++;
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("window_s", seconds);
        d.put("total", deliveries);
        d.put("per_second", deliveries / seconds);
        d.put("measured_subscribers", rates.length);
        d.put("per_subscriber_per_second", mean);
        d.put("ratio_to_publish_rate", expected > 0 ? mean / expected : Double.NaN);
        d.put("second_half_per_subscriber_per_second", meanSecondHalf);
        d.put("second_half_ratio_to_publish_rate", expected > 0 ? meanSecondHalf / expected : Double.NaN);
        d.put("min_subscriber_per_second", rates.length == 0 ? 0 : rates[0]);
        d.put("p01_subscriber_per_second", rates.length == 0 ? 0 : rates[(int) (rates.length * 0.01)]);
        d.put("max_subscriber_per_second", rates.length == 0 ? 0 : rates[rates.length - 1]);
        d.put("subscribers_below_95pct", below);
        d.put("bytes_per_delivery", deliveries == 0 ? 0 : (double) bytes / deliveries);
        d.put("megabytes_per_second", bytes / seconds / 1e6);
        d.put("wire_bytes_per_delivery", deliveries == 0 ? 0 : (double) window.wireBytes() / deliveries);
        return d;
    }

    private Map<String, Object> frozen(Results r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("frozen", r.subscriptions().frozen());
        Teardown.Endings frozen = r.teardown().frozen();
        f.put("held_at_end", frozen.heldAtEnd());
        f.put("closed_by_server_in_window", frozen.closedByServerInWindow());
        f.put("closed_by_server_total", frozen.closedByServerTotal());
        f.put("deliveries_in_window", r.window().frozenDeliveries());
        f.put("rcvbuf", options.frozenReceiveBuffer);
        f.put("freeze_at", options.freezeAt);
        return f;
    }

    private Map<String, Object> server(Results r) {
        ServerFootprint before = r.before();
        ServerFootprint idle = r.idle();
        ServerFootprint load = r.underLoad();
        int held = Math.max(1, r.ramp().connected());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pid", options.serverPid);
        s.put("threads_before", before.threads());
        s.put("threads_idle", idle.threads());
        s.put("threads_load", load.threads());
        s.put("rss_before_kb", before.rssKb());
        s.put("rss_idle_kb", idle.rssKb());
        s.put("rss_load_kb", load.rssKb());
        s.put("rss_per_connection_idle_kb", perConnection(before.rssKb(), idle.rssKb(), held));
        s.put("rss_per_connection_load_kb", perConnection(before.rssKb(), load.rssKb(), held));
        if (options.serverHeap) {
            s.put("live_heap_before_kb", before.liveHeapKb());
            s.put("live_heap_idle_kb", idle.liveHeapKb());
            s.put("live_heap_load_kb", load.liveHeapKb());
            s.put("live_heap_per_connection_idle_kb", perConnection(before.liveHeapKb(), idle.liveHeapKb(), held));
            s.put("live_heap_per_connection_load_kb", perConnection(before.liveHeapKb(), load.liveHeapKb(), held));
            s.put("live_heap_idle_top_classes", idle.liveHeap().get("top_classes"));
        }
        Window window = r.window();
        long serverNanos = window.cpuAtEnd().serverNanos() >= 0 && window.cpuAtStart().serverNanos() >= 0
                ? window.cpuAtEnd().serverNanos() - window.cpuAtStart().serverNanos() : -1;
        long deliveries = window.deliveries();
        s.put("cpu_percent_of_one_core", serverNanos < 0 ? Double.NaN : serverNanos / 1e9 / window.seconds() * 100);
        s.put("cpu_us_per_delivery", serverNanos < 0 || deliveries == 0 ? Double.NaN : serverNanos / 1e3 / deliveries);
        return s;
    }

    /** (with connections − before) / connections, NaN unless both were measured. */
    private static double perConnection(long before, long with, int connections) {
        return before > 0 && with > 0 ? (double) (with - before) / connections : Double.NaN;
    }

    private static Map<String, Object> client(Window window) {
        CpuSample start = window.cpuAtStart();
        CpuSample end = window.cpuAtEnd();
        long deliveries = window.deliveries();
        long toolNanos = end.toolNanos() - start.toolNanos();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cpu_percent_of_one_core", toolNanos / 1e9 / window.seconds() * 100);
        c.put("cpu_us_per_delivery", perDelivery(toolNanos, deliveries));
        c.put("user_us_per_delivery", perDelivery(end.toolUserNanos() - start.toolUserNanos(), deliveries));
        c.put("system_us_per_delivery", perDelivery(end.toolSystemNanos() - start.toolSystemNanos(), deliveries));
        c.put("io_threads_cpu_us_per_delivery", start.ioThreadsNanos() < 0 ? Double.NaN
                : perDelivery(end.ioThreadsNanos() - start.ioThreadsNanos(), deliveries));
        c.put("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576);
        return c;
    }

    /** Microseconds of CPU a delivery; NaN without deliveries. */
    private static double perDelivery(long cpuNanos, long deliveries) {
        return deliveries == 0 ? Double.NaN : cpuNanos / 1e3 / deliveries;
    }

    private static Map<String, Object> host(Results r) {
        CpuSample start = r.window().cpuAtStart();
        CpuSample end = r.window().cpuAtEnd();
        long busy = end.hostBusyJiffies() - start.hostBusyJiffies();
        long total = end.hostTotalJiffies() - start.hostTotalJiffies();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("cpu_busy_percent", total > 0 ? 100.0 * busy / total : Double.NaN);
        h.put("tcp_socket_memory_before_kb", r.before().hostTcpMemoryKb());
        h.put("tcp_socket_memory_load_kb", r.underLoad().hostTcpMemoryKb());
        return h;
    }

    /** Percentiles of a histogram of microseconds, in milliseconds; just the count if it is empty. */
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
}
