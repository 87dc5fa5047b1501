package com.stockticker.bench;

/**
 * What subscriber 0, the reference, saw: it parses every message it receives, so the sequence numbers and publish
 * times of its last one give the rate the server published at, whatever it delivered to the others. Only its I/O
 * thread writes.
 */
final class ReferenceSubscriber {

    private volatile long messages;
    private volatile long lastSeq = Long.MIN_VALUE;
    private volatile long lastPublishMicros = Long.MIN_VALUE;

    /** A parsed message: {@code seq} and {@code publishMicros} are {@code Long.MIN_VALUE} where the message had none. */
    void received(long messagesSoFar, long seq, long publishMicros) {
        messages = messagesSoFar;
        if (seq != Long.MIN_VALUE && publishMicros != Long.MIN_VALUE) {
            lastSeq = seq;
            lastPublishMicros = publishMicros;
        }
    }

    Reading read() {
        return new Reading(lastSeq, lastPublishMicros, messages);
    }

    /** The last sequence number and its publish time (both {@code Long.MIN_VALUE} before any), and the messages so far. */
    record Reading(long seq, long publishMicros, long messages) {

        /** Sequence numbers a second of publish time between two readings; NaN where they do not tell. */
        static double seqRate(Reading start, Reading end) {
            if (start.seq == Long.MIN_VALUE || end.publishMicros <= start.publishMicros || end.seq <= start.seq) {
                return Double.NaN;
            }
            return (end.seq - start.seq) / ((end.publishMicros - start.publishMicros) / 1e6);
        }
    }
}
