package com.stockticker.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashMap;

import org.HdrHistogram.Histogram;

/**
 * What a run shows while it goes: the phase it is in, progress lines on stderr, and the timeline the report keeps. A
 * daemon thread samples the subscribers once a second (open connections, deliveries a second, and during the warm-up
 * and the window that second's latency percentiles) and prints every fifth line unless quiet.
 */
final class Timeline {

    /** The phases of a run, as the timeline and the progress lines name them. */
    enum Phase {
        START("start"), TOOL_WARMUP("tool-warmup"), CONNECT("connect"), IDLE("idle"), SUBSCRIBE("subscribe"),
        WARMUP("warmup"), WINDOW("window"), AFTER("after"), TEARDOWN("teardown");

        private final String name;

        Phase(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int MAX_LINES = 7200;

    private final long runStart = System.nanoTime();
    private final Subscriber[] subscribers;
    private final LatencyWindow latency;
    private final boolean quiet;
    private volatile Phase phase = Phase.START;

    // Guarded by this
    private final List<Map<String, Object>> lines = new ArrayList<>();
    private long lastSampleNanos;
    private long lastDeliveries;

    Timeline(Subscriber[] subscribers, LatencyWindow latency, boolean quiet) {
        this.subscribers = subscribers;
        this.latency = latency;
        this.quiet = quiet;
    }

    void start() {
        Thread sampler = new Thread(this::sampleEverySecond, "bench-monitor");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The run enters {@code next}; at {@link Phase#TEARDOWN} the timeline ends. */
    void enter(Phase next) {
        phase = next;
    }

    /** A progress line on stderr, after the seconds since the run started (unless quiet). */
    void log(String format, Object... args) {
        if (!quiet) {
            Object[] all = new Object[args.length + 1];
            all[0] = (System.nanoTime() - runStart) / 1e9;
            System.arraycopy(args, 0, all, 1, args.length);
            System.err.printf(Locale.ROOT, "[%5.1fs] " + format + "%n", all);
        }
    }

    synchronized List<Map<String, Object>> lines() {
        return new ArrayList<>(lines);
    }

    private void sampleEverySecond() {
        long next = System.nanoTime() + 1_000_000_000L;
        int count = 0;
        while (true) {
            Pause.until(next);
            next += 1_000_000_000L;
            if (phase == Phase.TEARDOWN) {
                return;
            }
            Map<String, Object> line = sample();
            if (!quiet && ++count % 5 == 0) {
                System.err.printf(Locale.ROOT, "[%5.0fs] %-9s open %6d  %9d msg/s  p50 %7.1f ms  p99 %7.1f ms%n",
                        line.get("t"), line.get("phase"), line.get("open"), line.get("deliveries_per_s"), line.get("p50_ms"),
                        line.get("p99_ms"));
            }
        }
    }

    private synchronized Map<String, Object> sample() {
        long now = System.nanoTime();
        long sum = 0;
        int open = 0;
        for (Subscriber s : subscribers) {
            if (s != null) {
                sum += s.deliveries;
                if (s.stompConnected && !s.closed) {
                    open++;
                }
            }
        }
        Phase current = phase;
        Histogram h = current == Phase.WINDOW || current == Phase.WARMUP ? latency.lastInterval() : null;
        boolean noSamples = h == null || h.getTotalCount() == 0;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t", Math.round((now - runStart) / 1e8) / 10.0);
        line.put("phase", current.toString());
        line.put("open", open);
        double dt = lastSampleNanos == 0 ? 1 : (now - lastSampleNanos) / 1e9;
        line.put("deliveries_per_s", Math.round((sum - lastDeliveries) / dt));
        line.put("p50_ms", noSamples ? Double.NaN : h.getValueAtPercentile(50) / 1000.0);
        line.put("p99_ms", noSamples ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
        line.put("max_ms", noSamples ? Double.NaN : h.getMaxValue() / 1000.0);
        lastSampleNanos = now;
        lastDeliveries = sum;
        if (lines.size() < MAX_LINES) {
            lines.add(line);
        }
        return line;
    }
}
