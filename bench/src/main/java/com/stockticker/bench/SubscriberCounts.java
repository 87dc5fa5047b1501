package com.stockticker.bench;

/** Every subscriber's counters at one moment, by index (0 for a slot without a subscriber). */
record SubscriberCounts(long nanoTime, long[] deliveries, long[] bytes, long[] wireBytes) {

    static SubscriberCounts read(Subscriber[] subscribers) {
        long now = System.nanoTime();
        int n = subscribers.length;
        long[] deliveries = new long[n];
        long[] bytes = new long[n];
        long[] wireBytes = new long[n];
        for (int i = 0; i < n; i++) {
            Subscriber s = subscribers[i];
            if (s != null) {
                deliveries[i] = s.deliveries;
                bytes[i] = s.bytes;
                wireBytes[i] = s.wireBytes;
            }
        }
        return new SubscriberCounts(now, deliveries, bytes, wireBytes);
    }
}
