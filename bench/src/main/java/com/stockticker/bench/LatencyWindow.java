package com.stockticker.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency samples of the measurement window and of its second half. One recorder takes every sample; the
 * timeline drains it each second for that second's percentiles, so the window keeps what the timeline drained, and
 * the rest when it closes.
 */
final class LatencyWindow {

    private final Recorder recorder;
    private Histogram window;
    private Histogram secondHalf;

    LatencyWindow(Recorder recorder) {
        this.recorder = recorder;
    }

    /** The samples since the last call, which also go to the window and its second half while they are open. */
    synchronized Histogram lastInterval() {
        Histogram interval = recorder.getIntervalHistogram();
        if (window != null) {
            window.add(interval);
        }
        if (secondHalf != null) {
            secondHalf.add(interval);
        }
        return interval;
    }

    /** Opens the window; the samples before it (the warm-up's) are dropped. */
    synchronized void open() {
        window = Measurements.newHistogram();
        recorder.getIntervalHistogram();
    }

    synchronized void startSecondHalf() {
        window.add(recorder.getIntervalHistogram());
        secondHalf = Measurements.newHistogram();
    }

    synchronized Latencies close() {
        lastInterval();
        Latencies latencies = new Latencies(window, secondHalf);
        window = null;
        secondHalf = null;
        return latencies;
    }

    /** Latency samples in microseconds: of the whole window and of its second half. */
    record Latencies(Histogram whole, Histogram secondHalf) {
    }
}
