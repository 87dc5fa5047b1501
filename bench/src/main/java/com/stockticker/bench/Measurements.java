package com.stockticker.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the subscribers of a run record into, from their I/O threads: the recorders of latency and connect times, error
 * counts, the wall clock that receipt times are read on, and what the reference subscriber saw. The tool's warm-up
 * has measurements of its own that nobody reads.
 */
final class Measurements {

    static final long HIGHEST_MICROS = 3_600_000_000L;

    /** End-to-end latency of sampled messages, microseconds. */
    final Recorder latency = newRecorder();
    /** Start of the TCP connect to the STOMP CONNECTED frame, microseconds. */
    final Recorder connectTime = newRecorder();
    /** Start of the TCP connect to the WebSocket handshake's response, microseconds: the first part of connectTime. */
    final Recorder handshakeTime = newRecorder();
    /** SUBSCRIBE sent to the first MESSAGE received, microseconds. */
    final Recorder firstMessage = newRecorder();

    final LongAdder errorFrames = new LongAdder();
    final LongAdder unparsedSamples = new LongAdder();
    final LongAdder negativeLatencies = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    final ReferenceSubscriber reference = new ReferenceSubscriber();

    private volatile long clockOffsetMicros;

    Measurements() {
        calibrateClock();
    }

    /** A histogram of microseconds up to an hour, 3 significant digits: what every recorder and window keeps. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static Recorder newRecorder() {
        return new Recorder(HIGHEST_MICROS, 3);
    }

    /** Records {@code micros} clamped to 0..{@link #HIGHEST_MICROS}. */
    static void record(Recorder recorder, long micros) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
    }

    /** Wall-clock microseconds = offset + nanoTime / 1000: a receipt time with microsecond resolution. */
    void calibrateClock() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        clockOffsetMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - nanos / 1000;
    }

    long wallMicros(long nanoTime) {
        return clockOffsetMicros + nanoTime / 1000;
    }

    /** Counts one error; the first 40 reasons (cut to 160 characters) are counted apart, later ones as "other". */
    void error(String reason) {
        String key = reason == null ? "unknown" : reason.length() > 160 ? reason.substring(0, 160) : reason;
        if (errors.size() >= 40 && !errors.containsKey(key)) {
            key = "other";
        }
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** The error counts by reason, the most frequent first. */
    Map<String, Object> errorCounts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        errors.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
        return counts;
    }
}
