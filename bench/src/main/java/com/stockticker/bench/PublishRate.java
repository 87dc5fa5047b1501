package com.stockticker.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate each subscriber should receive messages at, to which deliveries are compared, and where it comes from:
 * {@code --publish-rate}, else the sequence numbers the reference subscriber saw a second of publish time (with one
 * destination only), else the reference subscriber's message rate.
 */
record PublishRate(double expected, String source, double seqRate, double referenceMessageRate) {

    static PublishRate of(Options options, Window window) {
        double seqRate = options.destinationsOf(0).size() == 1
                ? ReferenceSubscriber.Reading.seqRate(window.referenceAtStart(), window.referenceAtEnd()) : Double.NaN;
        double referenceRate = window.referenceMessageRate();
        if (options.publishRate > 0) {
            return new PublishRate(options.publishRate, "command line", seqRate, referenceRate);
        }
        if (!Double.isNaN(seqRate)) {
            return new PublishRate(seqRate, "seq of the reference subscriber", seqRate, referenceRate);
        }
        return new PublishRate(referenceRate, "message rate of the reference subscriber", seqRate, referenceRate);
    }

    Map<String, Object> toJson() {
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("expected_per_subscriber", expected);
        rate.put("source", source);
        rate.put("seq_rate", seqRate);
        rate.put("reference_message_rate", referenceMessageRate);
        return rate;
    }
}
