package com.stockticker.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Recorder;

/** State shared by all connections of a run: recorders, error counts, the clock and the reference subscriber's view. */
final class Ctx {

    static final long HIGHEST_MICROS = 3_600_000_000L;

    final Options options;
    /** End-to-end latency of sampled messages, microseconds. */
    final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    /** Start of the TCP connect to the STOMP CONNECTED frame, microseconds. */
    final Recorder connectTime = new Recorder(HIGHEST_MICROS, 3);
    /** Start of the TCP connect to the WebSocket handshake's response, microseconds: the first part of connectTime. */
    final Recorder handshakeTime = new Recorder(HIGHEST_MICROS, 3);
    /** SUBSCRIBE sent to the first MESSAGE received, microseconds. */
    final Recorder firstMessage = new Recorder(HIGHEST_MICROS, 3);

    final LongAdder errorFrames = new LongAdder();
    final LongAdder unparsedSamples = new LongAdder();
    final LongAdder negativeLatencies = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    // The reference subscriber (index 0) parses every message; only its thread writes these.
    volatile long refMessages;
    volatile long refLastSeq = Long.MIN_VALUE;
    volatile long refLastPublishMicros = Long.MIN_VALUE;

    private volatile long clockOffsetMicros;

    Ctx(Options options) {
        this.options = options;
        calibrateClock();
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

    void error(String reason) {
        String key = reason == null ? "unknown" : reason.length() > 160 ? reason.substring(0, 160) : reason;
        if (errors.size() >= 40 && !errors.containsKey(key)) {
            key = "other";
        }
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
