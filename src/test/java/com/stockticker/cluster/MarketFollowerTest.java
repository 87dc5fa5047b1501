package com.stockticker.cluster;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.stockticker.cluster.MarketFollower.Step;
import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;

import static org.assertj.core.api.Assertions.assertThat;

/** How an edge's market follows the core's: in sequence, from the core's state whenever it cannot. */
class MarketFollowerTest {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

    private final MarketFollower follower = new MarketFollower();

    @Test
    void startsFromTheCoresStateThenAppliesEachNextBatch() {
        assertThat(follower.next(batch(7))).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(9))).isFalse();
        // The batch that asked, and any other the state already holds, are skipped.
        assertThat(follower.next(batch(7))).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(9))).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(10))).isEqualTo(Step.APPLY);
        assertThat(follower.next(batch(11))).isEqualTo(Step.APPLY);
        assertThat(follower.lastSeq()).isEqualTo(11);
    }

    @Test
    void aMissingBatchTakesTheStateAgain() {
        follower.next(batch(1));
        follower.restore(state(1));
        assertThat(follower.next(batch(2))).isEqualTo(Step.APPLY);
        // RabbitMQ was away, or dropped the oldest batches of a lagging edge's queue.
        assertThat(follower.next(batch(40))).isEqualTo(Step.RESYNC);
        assertThat(follower.synced()).isFalse();
        // Until the state comes, every batch asks for it again.
        assertThat(follower.next(batch(41))).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(41))).isFalse();
        assertThat(follower.next(batch(41))).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(42))).isEqualTo(Step.APPLY);
    }

    @Test
    void aNewMarketOfARestartedCoreIsToldApartFromALateBatch() {
        follower.next(batch(500));
        follower.restore(state(500));
        // A late batch of the same market is no newer than what the edge has.
        assertThat(follower.next(batch(499))).isEqualTo(Step.SKIP);
        // A new market numbers from 1 again, and its ticks are later than anything the edge has.
        QuoteBatch first = new QuoteBatch(1, START.plusSeconds(3600), List.of());
        assertThat(follower.next(first)).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(new MarketState(3, START.plusSeconds(3601), List.of()))).isTrue();
        assertThat(follower.next(new QuoteBatch(4, START.plusSeconds(3602), List.of()))).isEqualTo(Step.APPLY);
        // Told once.
        follower.next(new QuoteBatch(9, START.plusSeconds(3603), List.of()));
        assertThat(follower.restore(new MarketState(9, START.plusSeconds(3603), List.of()))).isFalse();
    }

    private static QuoteBatch batch(long seq) {
        return new QuoteBatch(seq, START.plusSeconds(seq), List.of());
    }

    private static MarketState state(long seq) {
        return new MarketState(seq, START.plusSeconds(seq), List.of());
    }
}
