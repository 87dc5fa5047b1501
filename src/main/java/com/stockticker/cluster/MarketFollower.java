package com.stockticker.cluster;

import java.time.Instant;

import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;

/**
 * Keeps an edge's market in step with the core's, without RabbitMQ: says for each batch that arrives whether
 * to apply it (the next one), skip it (older than what the edge has) or take the core's whole state first (a
 * batch is missing, the edge has no state yet, or the core's market started again).
 *
 * <p>A batch from before the edge's state is never newer than it; a new market's first batches are numbered
 * from 1 again and stamped later than anything the edge has.
 */
final class MarketFollower {

    enum Step {
        APPLY, SKIP, RESYNC
    }

    private long lastSeq = -1;
    private Instant lastTimestamp = Instant.MIN;
    private boolean synced;
    private boolean newMarket;

    Step next(QuoteBatch batch) {
        if (synced && batch.seq() == lastSeq + 1) {
            lastSeq = batch.seq();
            lastTimestamp = batch.timestamp();
            return Step.APPLY;
        }
        if (synced && batch.seq() <= lastSeq) {
            if (!batch.timestamp().isAfter(lastTimestamp)) {
                return Step.SKIP;
            }
            newMarket = true;
        }
        synced = false;
        return Step.RESYNC;
    }

    /**
     * The edge starts again from the core's state; the batch that asked for it goes to {@link #next} again.
     *
     * @return whether the state is a new market's, whose clients must start afresh
     */
    boolean restore(MarketState state) {
        lastSeq = state.seq();
        lastTimestamp = state.timestamp();
        synced = true;
        boolean started = newMarket;
        newMarket = false;
        return started;
    }

    boolean synced() {
        return synced;
    }

    long lastSeq() {
        return lastSeq;
    }
}
