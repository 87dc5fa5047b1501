package com.stockticker.bench;

import java.util.Arrays;

/**
 * The measurement window: the subscribers' counters at its start, middle and end, which subscribers were measured
 * (subscribed, open and reading at its start) and which were frozen, the reference subscriber's and the CPU clocks'
 * readings at both ends, and the latency samples. Its methods are the figures of the report.
 */
record Window(SubscriberCounts start, SubscriberCounts middle, SubscriberCounts end, boolean[] measured, boolean[] frozen,
        ReferenceSubscriber.Reading referenceAtStart, ReferenceSubscriber.Reading referenceAtEnd, CpuSample cpuAtStart,
        CpuSample cpuAtEnd, LatencyWindow.Latencies latency) {

    double seconds() {
        return (end.nanoTime() - start.nanoTime()) / 1e9;
    }

    double secondHalfSeconds() {
        return (end.nanoTime() - middle.nanoTime()) / 1e9;
    }

    boolean contains(long nanoTime) {
        return nanoTime >= start.nanoTime() && nanoTime <= end.nanoTime();
    }

    /** MESSAGE frames received by all subscribers, frozen ones included. */
    long deliveries() {
        return sum(end.deliveries(), start.deliveries(), null);
    }

    long payloadBytes() {
        return sum(end.bytes(), start.bytes(), null);
    }

    long wireBytes() {
        return sum(end.wireBytes(), start.wireBytes(), null);
    }

    long measuredDeliveries() {
        return sum(end.deliveries(), start.deliveries(), measured);
    }

    long measuredSecondHalfDeliveries() {
        return sum(end.deliveries(), middle.deliveries(), measured);
    }

    /** Deliveries to the frozen subscribers (never measured: a frozen subscriber is not reading). */
    long frozenDeliveries() {
        return sum(end.deliveries(), start.deliveries(), frozen);
    }

    /** Each measured subscriber's deliveries a second, lowest first. */
    double[] measuredRates() {
        double seconds = seconds();
        long[] to = end.deliveries();
        long[] from = start.deliveries();
        double[] rates = new double[count(measured)];
        int k = 0;
        for (int i = 0; i < measured.length; i++) {
            if (measured[i]) {
                rates[k++] = (to[i] - from[i]) / seconds;
            }
        }
        Arrays.sort(rates);
        return rates;
    }

    /** The reference subscriber's messages a second. */
    double referenceMessageRate() {
        return (referenceAtEnd.messages() - referenceAtStart.messages()) / seconds();
    }

    private static long sum(long[] to, long[] from, boolean[] only) {
        long sum = 0;
        for (int i = 0; i < to.length; i++) {
            if (only == null || only[i]) {
                sum += to[i] - from[i];
            }
        }
        return sum;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }
}
