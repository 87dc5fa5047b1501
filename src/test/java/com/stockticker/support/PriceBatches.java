package com.stockticker.support;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;

/** Batches of {@code /topic/prices} as tests read them: by their {@code seq}. */
public final class PriceBatches {

    /** Long enough for a hundred ticks on a busy machine; an await ends as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private PriceBatches() {
    }

    public static long seq(StompFrame frame) {
        return frame.json().get("seq").asLong();
    }

    public static StompFrame last(List<StompFrame> frames) {
        return frames.get(frames.size() - 1);
    }

    /** Waits until a subscription has had the batch {@code seq} or a later one. */
    public static void awaitSeq(StompClient client, String subscription, long seq) {
        Awaitility.await().atMost(PATIENCE).until(() -> client.messages(subscription).stream().anyMatch(frame -> seq(frame) >= seq));
    }
}
