package com.stockticker.cluster;

import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;

/**
 * Keeps an instance's market in step with the active core's, without RabbitMQ: says for each batch that arrives
 * whether to apply it (the next one), skip it (older than what the instance has, or from a core that was
 * replaced) or take the active core's whole state first (a batch is missing, the instance has no state yet,
 * another core took over, or a new market started).
 */
final class MarketFollower {

    enum Step {
        APPLY, SKIP, RESYNC
    }

    private MarketOrigin origin;
    private long lastSeq = -1;
    private boolean synced;

    Step next(QuoteBatch batch, MarketOrigin from) {
        if (synced && from.market().equals(origin.market())) {
            if (from.epoch() < origin.epoch()) {
                return Step.SKIP;
            }
            if (from.epoch() == origin.epoch()) {
                if (batch.seq() == lastSeq + 1) {
                    lastSeq = batch.seq();
                    return Step.APPLY;
                }
                if (batch.seq() <= lastSeq) {
                    return Step.SKIP;
                }
            }
        }
        synced = false;
        return Step.RESYNC;
    }

    /**
     * The instance starts again from the active core's state; the batch that asked for it goes to {@link #next}
     * again.
     *
     * @return whether the state is a new market's, whose clients must start afresh
     */
    boolean restore(CoreMarket core) {
        boolean newMarket = origin != null && !origin.market().equals(core.origin().market());
        MarketState state = core.state();
        origin = core.origin();
        lastSeq = state.seq();
        synced = true;
        return newMarket;
    }

    /** Takes the active core's state again with the next batch: this instance was the active core meanwhile. */
    void forget() {
        synced = false;
    }

    /** Where the market this instance follows comes from; {@code null} before the first state. */
    MarketOrigin origin() {
        return origin;
    }

    boolean synced() {
        return synced;
    }

    long lastSeq() {
        return lastSeq;
    }
}
